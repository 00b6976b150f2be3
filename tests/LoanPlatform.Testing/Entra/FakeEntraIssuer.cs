using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Testing.Entra;

/// <summary>
/// Stands in for Entra ID at the network edge, on loopback: a tenant's v2.0 discovery document and JWKS (RS256 keys),
/// access tokens shaped like Entra's for an API with app roles, and, when started with a certificate (MSAL only talks to
/// an HTTPS authority), the sign-in of the officer console: an authorize endpoint that signs <see cref="SignedInUser"/>
/// in without a prompt and posts the code back (response_mode form_post), and a token endpoint that redeems it for the
/// console (client secret and PKCE checked) with an ID token for the console and an access token for the staff API.
/// Discovery and JWKS are also served over plain HTTP, for the platform's token validation (<see cref="MetadataAddress"/>).
/// </summary>
public sealed class FakeEntraIssuer : IAsyncDisposable
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string ClientId = "66666666-7777-8888-9999-000000000000";
    public const string Audience = "api://" + ClientId;

    /// <summary>The scope the console asks for: the staff API's app roles.</summary>
    public const string ApiScope = Audience + "/.default";

    /// <summary>The officer console's app registration: the one client application allowed to call with staff tokens.</summary>
    public const string ConsoleAppId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    /// <summary>The console's client secret, known to this fake only (test configuration, never a repository secret).</summary>
    public const string ConsoleSecret = "console-secret-for-tests";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();
    private readonly ConcurrentDictionary<string, EntraUser> _refreshTokens = new();
    private readonly ConcurrentQueue<string> _issuedAccessTokens = new();
    private readonly ConcurrentQueue<string> _grants = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private string _httpOrigin = "";
    private string? _httpsOrigin;

    private FakeEntraIssuer(WebApplication app, RsaSecurityKey key)
    {
        _app = app;
        _key = key;
    }

    /// <summary>Where Entra is: the HTTPS origin when started with a certificate, otherwise the HTTP one.</summary>
    public string Instance => (_httpsOrigin ?? _httpOrigin) + "/";

    public string Issuer => $"{Instance}{TenantId}/v2.0";

    /// <summary>The discovery document over plain HTTP: what the platform's validators read the signing keys from.</summary>
    public string MetadataAddress => $"{_httpOrigin}/{TenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>The EntraStaff settings that point the platform at this issuer.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["EntraStaff:Instance"] = Instance,
        ["EntraStaff:TenantId"] = TenantId,
        ["EntraStaff:ClientId"] = ClientId,
        ["EntraStaff:Audience"] = Audience,
        ["EntraStaff:ClientApplicationIds:0"] = ConsoleAppId,
        ["EntraStaff:MetadataAddress"] = MetadataAddress,
    };

    /// <summary>The console's AzureAd and Console settings for Entra sign-in against this issuer.</summary>
    public IDictionary<string, string?> ConsoleSettings => new Dictionary<string, string?>
    {
        ["AzureAd:Instance"] = Instance,
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ConsoleAppId,
        ["AzureAd:ClientSecret"] = ConsoleSecret,
        ["AzureAd:CallbackPath"] = "/signin-oidc",
        ["Console:SignIn"] = "Entra",
        ["Console:ApiScope"] = ApiScope,
    };

    /// <summary>Who the authorize endpoint signs in, as if they had entered their password and consented.</summary>
    public EntraUser SignedInUser { get; set; } = new(Guid.NewGuid().ToString(), "Officer", "officer@bank.example", []);

    /// <summary>Access tokens the token endpoint issued, in order.</summary>
    public IReadOnlyCollection<string> IssuedAccessTokens => _issuedAccessTokens;

    /// <summary>The grant types the token endpoint served, in order.</summary>
    public IReadOnlyCollection<string> Grants => _grants;

    /// <summary>Why requests were refused; a correct client leaves this empty.</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    public static async Task<FakeEntraIssuer> StartAsync(SelfSignedCertificate? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            if (certificate is not null)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(X509Certificate2.CreateFromPemFile(certificate.CertificatePath, certificate.KeyPath)));
            }
        });
        var app = builder.Build();
        var issuer = new FakeEntraIssuer(app, new RsaSecurityKey(RSA.Create(2048)) { KeyId = "entra-test-key" });
        app.MapGet($"/{TenantId}/v2.0/.well-known/openid-configuration", issuer.Discovery);
        app.MapGet($"/{TenantId}/discovery/v2.0/keys", issuer.Keys);
        app.MapGet($"/{TenantId}/oauth2/v2.0/authorize", issuer.Authorize);
        app.MapPost($"/{TenantId}/oauth2/v2.0/token", issuer.TokenAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        issuer._httpOrigin = addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal));
        issuer._httpsOrigin = addresses.SingleOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal));
        return issuer;
    }

    /// <summary>A staff access token; the defaults are the valid case, each argument breaks one thing.</summary>
    public string Token(IReadOnlyList<string> roles, string? audience = null, string? issuer = null, string? objectId = null, string clientApp = ConsoleAppId) =>
        Sign(
            [new("sub", "entra-" + Guid.NewGuid().ToString("N")), new("oid", objectId ?? Guid.NewGuid().ToString()), new("tid", TenantId), new("ver", "2.0"), new("azp", clientApp),
             .. roles.Select(role => new Claim("roles", role))],
            issuer ?? Issuer, audience ?? Audience);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private IResult Discovery(HttpRequest request)
    {
        // Browser- and client-facing endpoints are on the HTTPS origin when there is one, as Entra's are.
        var front = _httpsOrigin ?? _httpOrigin;
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{request.Scheme}://{request.Host}/{TenantId}/discovery/v2.0/keys",
            ["authorization_endpoint"] = $"{front}/{TenantId}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{front}/{TenantId}/oauth2/v2.0/token",
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["subject_types_supported"] = new[] { "pairwise" },
        });
    }

    private IResult Keys()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
        return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256" } } });
    }

    /// <summary>The user is signed in and consents at once; the code goes back to the registered callback.</summary>
    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        string? Param(string name) => query[name].FirstOrDefault();
        if (Param("client_id") != ConsoleAppId || Param("response_type") != "code" || Param("redirect_uri") is not { } redirectUri
            || Param("code_challenge_method") != "S256" || Param("code_challenge") is not { } challenge || Param("nonce") is not { } nonce
            || !(Param("scope") ?? "").Split(' ').Contains("openid"))
        {
            _refusals.Enqueue($"authorize: unexpected request {request.QueryString}");
            return Results.BadRequest(new { error = "invalid_request" });
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new PendingCode(redirectUri, nonce, challenge, SignedInUser);
        var answer = new Dictionary<string, string?> { ["code"] = code, ["state"] = Param("state") };
        if (Param("response_mode") != "form_post")
        {
            return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, answer));
        }

        var fields = string.Concat(answer.Where(a => a.Value is not null).Select(a =>
            $"<input type=\"hidden\" name=\"{a.Key}\" value=\"{HtmlEncoder.Default.Encode(a.Value!)}\"/>"));
        return Results.Content(
            $"<html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{HtmlEncoder.Default.Encode(redirectUri)}\">{fields}</form></body></html>",
            "text/html");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        string? Param(string name) => form[name].FirstOrDefault();
        if (Param("client_id") != ConsoleAppId || Param("client_secret") != ConsoleSecret)
        {
            return Refuse("token: client_id or client_secret missing or wrong", 401, "invalid_client");
        }

        var scopes = (Param("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        EntraUser user;
        PendingCode? redeemed = null;
        switch (Param("grant_type"))
        {
            case "authorization_code":
                if (Param("code") is not { } code || !_codes.TryRemove(code, out redeemed) || Param("redirect_uri") != redeemed.RedirectUri)
                {
                    return Refuse("token: unknown, reused or misdirected code", 400, "invalid_grant");
                }

                if (Param("code_verifier") is not { } verifier || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != redeemed.CodeChallenge)
                {
                    return Refuse("token: PKCE code_verifier does not match", 400, "invalid_grant");
                }

                user = redeemed.User;
                break;
            case "refresh_token":
                if (Param("refresh_token") is not { } refresh || !_refreshTokens.TryGetValue(refresh, out user!))
                {
                    return Refuse("token: unknown refresh token", 400, "invalid_grant");
                }

                break;
            default:
                return Refuse($"token: grant_type {Param("grant_type")}", 400, "unsupported_grant_type");
        }

        if (!scopes.Contains(ApiScope))
        {
            return Refuse($"token: scope {Param("scope")} asks for no token of the staff API", 400, "invalid_scope");
        }

        _grants.Enqueue(Param("grant_type")!);
        var accessToken = Sign(
            [new("sub", Pairwise(user.ObjectId, Audience)), new("oid", user.ObjectId), new("tid", TenantId), new("ver", "2.0"), new("azp", ConsoleAppId),
             new("name", user.Name), new("preferred_username", user.Email), .. user.Roles.Select(role => new Claim("roles", role))],
            Issuer, Audience);
        _issuedAccessTokens.Enqueue(accessToken);
        var refreshToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _refreshTokens[refreshToken] = user;
        var answer = new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = string.Join(' ', scopes.Where(s => s is not ("openid" or "profile" or "offline_access"))),
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = accessToken,
            ["refresh_token"] = refreshToken,
            // MSAL keys its token cache by the home account: uid.utid, from client_info.
            ["client_info"] = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { uid = user.ObjectId, utid = TenantId })),
        };
        if (scopes.Contains("openid"))
        {
            answer["id_token"] = Sign(
                [new("sub", Pairwise(user.ObjectId, ConsoleAppId)), new("oid", user.ObjectId), new("tid", TenantId), new("ver", "2.0"),
                 new("name", user.Name), new("preferred_username", user.Email), .. user.Roles.Select(role => new Claim("roles", role)),
                 .. redeemed is null ? Array.Empty<Claim>() : [new Claim("nonce", redeemed.Nonce)]],
                Issuer, ConsoleAppId);
        }

        return Results.Json(answer);
    }

    private string Sign(IEnumerable<Claim> claims, string issuer, string audience)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult Refuse(string reason, int status, string error)
    {
        _refusals.Enqueue(reason);
        return Results.Json(new { error, error_description = reason }, statusCode: status);
    }

    // Entra's subject differs per application: the console and the API each see their own.
    private static string Pairwise(string objectId, string application) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(objectId + "|" + application)));

    private sealed record PendingCode(string RedirectUri, string Nonce, string CodeChallenge, EntraUser User);
}
