using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Tests.Fakes;

/// <summary>
/// The Key Vault keys REST endpoints the Auth service calls (list versions, get a version, sign), on loopback, holding
/// EC P-256 versions of one key; it records every request so tests can check their shape.
/// </summary>
public sealed class FakeKeyVault : IAsyncDisposable
{
    public sealed record Recorded(string Method, string Path, string? ApiVersion, string? Authorization, JsonObject? Body);

    public sealed record Version(string Id, ECDsa Key, DateTimeOffset Created, bool Enabled);

    private readonly WebApplication _app;

    private FakeKeyVault(WebApplication app, string keyName, IReadOnlyList<Version> versions)
    {
        _app = app;
        KeyName = keyName;
        Versions = versions;
    }

    public string KeyName { get; }

    public IReadOnlyList<Version> Versions { get; }

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public Uri VaultUri => new(_app.Urls.First() + "/");

    public static async Task<FakeKeyVault> StartAsync(string keyName, IReadOnlyList<Version> versions)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var vault = new FakeKeyVault(app, keyName, versions);
        app.Use(async (context, next) =>
        {
            var body = context.Request.HasJsonContentType() ? (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() : null;
            vault.Requests.Enqueue(new Recorded(context.Request.Method, context.Request.Path, context.Request.Query["api-version"], context.Request.Headers.Authorization, body));
            context.Items["body"] = body;
            await next(context);
        });
        app.MapGet($"/keys/{keyName}/versions", (HttpContext context) => Results.Json(new JsonObject
        {
            ["value"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject
            {
                ["kid"] = vault.Kid(v),
                ["attributes"] = new JsonObject { ["enabled"] = v.Enabled, ["created"] = v.Created.ToUnixTimeSeconds() },
            }).ToArray()),
            ["nextLink"] = null,
        }));
        app.MapGet($"/keys/{keyName}/{{version}}", (string version) =>
        {
            var found = versions.Single(v => v.Id == version);
            var q = found.Key.ExportParameters(false).Q;
            return Results.Json(new JsonObject
            {
                ["key"] = new JsonObject { ["kid"] = vault.Kid(found), ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(q.X), ["y"] = Base64UrlEncoder.Encode(q.Y) },
                ["attributes"] = new JsonObject { ["enabled"] = found.Enabled },
            });
        });
        app.MapPost($"/keys/{keyName}/{{version}}/sign", (string version, HttpContext context) =>
        {
            var body = (JsonObject)context.Items["body"]!;
            if (body["alg"]?.GetValue<string>() != "ES256")
            {
                return Results.BadRequest();
            }

            var digest = Base64UrlEncoder.DecodeBytes(body["value"]!.GetValue<string>());
            var key = versions.Single(v => v.Id == version);
            return Results.Json(new JsonObject
            {
                ["kid"] = vault.Kid(key),
                ["value"] = Base64UrlEncoder.Encode(key.Key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)),
            });
        });
        await app.StartAsync();
        return vault;
    }

    public string Kid(Version version) => $"{VaultUri.AbsoluteUri}keys/{KeyName}/{version.Id}";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
