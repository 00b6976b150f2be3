using System.Collections.Concurrent;
using System.Security.Cryptography;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Users.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>
/// A small stand-in for the Auth service at the network edge: publishes the test signing key as OpenID metadata
/// and JWKS (so the Users service validates tokens exactly as in production) and records internal credentials,
/// behind the real service-identity policy.
/// </summary>
public sealed class AuthStandIn : IAsyncDisposable
{
    public const string Issuer = "https://auth.loanplatform.test";
    private const string KeyId = "test-signing-key";
    private readonly WebApplication _app;

    private AuthStandIn(WebApplication app, ECDsa key)
    {
        _app = app;
        SigningKey = new ECDsaSecurityKey(key) { KeyId = KeyId };
    }

    public ECDsaSecurityKey SigningKey { get; }

    public string Url => _app.Urls.Single();

    public ConcurrentDictionary<string, CreateCredentialRequest> Credentials { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, the credential endpoints answer with this status instead of storing or deleting.</summary>
    public int? FailWith { get; set; }

    public static async Task<AuthStandIn> StartAsync(string serviceKeyFolder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ServiceIdentity:KeyFolder"] = serviceKeyFolder;
        builder.Configuration["ServiceIdentity:ServiceName"] = "auth";
        builder.Configuration["Jwt:Issuer"] = Issuer;
        builder.AddPlatformAuthentication();
        var app = builder.Build();
        var standIn = new AuthStandIn(app, ECDsa.Create(ECCurve.NamedCurves.nistP256));
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = standIn.Url + "/.well-known/jwks.json",
            ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
        })).AllowAnonymous();
        app.MapGet("/.well-known/jwks.json", () =>
        {
            var point = standIn.SigningKey.ECDsa.ExportParameters(false).Q;
            return Results.Json(new { keys = new[] { new { kty = "EC", crv = "P-256", use = "sig", alg = "ES256", kid = KeyId, x = Base64UrlEncoder.Encode(point.X), y = Base64UrlEncoder.Encode(point.Y) } } });
        }).AllowAnonymous();
        app.MapPost("/internal/auth/credentials", (CreateCredentialRequest request) =>
        {
            if (standIn.FailWith is { } status)
            {
                return Results.StatusCode(status);
            }

            var taken = standIn.Credentials.Values.Any(c => c.Email == request.Email);
            return taken || !standIn.Credentials.TryAdd(request.UserId, request) ? Results.Conflict() : Results.Created();
        }).RequireAuthorization(ServiceCallers.Users);

        app.MapPost("/internal/auth/credentials/{userId}/password-checks", (string userId, PasswordCheckRequest request) =>
            Results.Json(new PasswordCheckResponse(
                standIn.Credentials.TryGetValue(userId, out var credential) && credential.Email == request.Email && credential.PasswordHash == HashOf(request.Password))))
            .RequireAuthorization(ServiceCallers.Users);

        // Auth's policy check and hash, reduced to what the Users service relies on: an opaque hash, or 400 for a weak password.
        app.MapPost("/internal/auth/password-hashes", (PasswordHashRequest request) => request.Password.Contains("password", StringComparison.OrdinalIgnoreCase)
            ? Results.Problem(statusCode: 400, title: "weak")
            : Results.Json(new PasswordHashResponse(HashOf(request.Password))))
            .RequireAuthorization(ServiceCallers.Users);

        app.MapDelete("/internal/auth/credentials/{userId}", (string userId, string email) =>
        {
            if (standIn.FailWith is { } status)
            {
                return Results.StatusCode(status);
            }

            return standIn.Credentials.TryGetValue(userId, out var credential) && credential.Email == email && standIn.Credentials.TryRemove(userId, out _)
                ? Results.NoContent()
                : Results.NotFound();
        }).RequireAuthorization(ServiceCallers.Users);

        await app.StartAsync();
        return standIn;
    }

    private static string HashOf(string password) => "hash-of-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password)));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
