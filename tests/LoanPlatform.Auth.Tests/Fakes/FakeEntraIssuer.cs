using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Tests.Fakes;

/// <summary>
/// Stands in for Entra ID at the network edge: a tenant's v2.0 discovery document and JWKS on loopback, RS256 keys,
/// and tokens shaped like Entra's access tokens for an API with app roles.
/// </summary>
public sealed class FakeEntraIssuer : IAsyncDisposable
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string ClientId = "66666666-7777-8888-9999-000000000000";
    public const string Audience = "api://" + ClientId;

    /// <summary>The officer console's app registration: the one client application allowed to call with staff tokens.</summary>
    public const string ConsoleAppId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private FakeEntraIssuer(WebApplication app, RsaSecurityKey key)
    {
        _app = app;
        _key = key;
    }

    public string Instance => _app.Urls.First() + "/";

    public string Issuer => $"{_app.Urls.First()}/{TenantId}/v2.0";

    /// <summary>The EntraStaff settings that point the platform at this issuer.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["EntraStaff:Instance"] = Instance,
        ["EntraStaff:TenantId"] = TenantId,
        ["EntraStaff:ClientId"] = ClientId,
        ["EntraStaff:Audience"] = Audience,
        ["EntraStaff:ClientApplicationIds:0"] = ConsoleAppId,
    };

    public static async Task<FakeEntraIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "entra-test-key" };
        var issuer = new FakeEntraIssuer(app, key);
        app.MapGet($"/{TenantId}/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = $"{app.Urls.First()}/{TenantId}/discovery/v2.0/keys",
            ["authorization_endpoint"] = $"{app.Urls.First()}/{TenantId}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{app.Urls.First()}/{TenantId}/oauth2/v2.0/token",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["subject_types_supported"] = new[] { "pairwise" },
        }));
        app.MapGet($"/{TenantId}/discovery/v2.0/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256" } } });
        });
        await app.StartAsync();
        return issuer;
    }

    /// <summary>A staff access token; the defaults are the valid case, each argument breaks one thing.</summary>
    public string Token(IReadOnlyList<string> roles, string? audience = null, string? issuer = null, string? objectId = null, string clientApp = ConsoleAppId)
    {
        var now = DateTime.UtcNow;
        var subject = "entra-" + Guid.NewGuid().ToString("N");
        var claims = new List<Claim> { new("sub", subject), new("oid", objectId ?? Guid.NewGuid().ToString()), new("tid", TenantId), new("ver", "2.0"), new("azp", clientApp) };
        claims.AddRange(roles.Select(role => new Claim("roles", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
