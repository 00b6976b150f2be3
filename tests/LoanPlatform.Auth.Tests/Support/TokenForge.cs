using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Signing;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Tests.Support;

/// <summary>
/// Makes access tokens the way an attacker would: with the Auth service's own issuer code and the platform's real key
/// (so only the one property under test is wrong), or by hand for what the issuer would never produce.
/// </summary>
public sealed class TokenForge
{
    public const string Subject = "forged-user";

    private readonly LocalSigningKeySet _platformKeys;
    private readonly LocalSigningKeySet _foreignKeys;

    /// <param name="dataPath">The local platform's data folder: its key is read from there, and the attacker's kept there.</param>
    public TokenForge(string dataPath, string issuer, string audience)
    {
        // The local host keeps the token-signing key under its data folder (see LocalPlatform).
        _platformKeys = Keys(Path.Combine(dataPath, "keys", "token-signing"));
        _foreignKeys = Keys(Path.Combine(dataPath, "attacker"));
        Issuer = issuer;
        Audience = audience;
    }

    public string Issuer { get; }

    public string Audience { get; }

    public string PlatformKeyId => _platformKeys.GetActiveKeyAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult().KeyId;

    /// <summary>A correctly made token: the control that shows a refusal is about the one broken property.</summary>
    public string Valid() => Issue(_platformKeys, Issuer, Audience, DateTimeOffset.UtcNow);

    public string Expired() => Issue(_platformKeys, Issuer, Audience, DateTimeOffset.UtcNow - TimeSpan.FromHours(1));

    /// <summary>Issued ten minutes from now, far beyond the allowed clock skew.</summary>
    public string NotYetValid() => Issue(_platformKeys, Issuer, Audience, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10));

    public string WrongIssuer() => Issue(_platformKeys, "https://attacker.example/auth", Audience, DateTimeOffset.UtcNow);

    public string WrongAudience() => ForAudience("some-other-api");

    public string ForAudience(string audience) => Issue(_platformKeys, Issuer, audience, DateTimeOffset.UtcNow);

    /// <summary>Signed by a different ES256 key, so its kid is one the platform has never published.</summary>
    public string UnknownKey() => Issue(_foreignKeys, Issuer, Audience, DateTimeOffset.UtcNow);

    /// <summary>The valid token's claims with "alg": "none" and no signature.</summary>
    public string AlgNone()
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = PlatformKeyId };
        return $"{EncodeSegment(header)}.{Valid().Split('.')[1]}.";
    }

    /// <summary>HS256 keyed with the published public key's PEM bytes: the classic algorithm-confusion attack.</summary>
    public string HmacWithPublicKey()
    {
        var jwk = _platformKeys.GetPublicKeysAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()[^1];
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk.X), Y = Base64UrlEncoder.DecodeBytes(jwk.Y) },
        });
        var publicPem = ecdsa.ExportSubjectPublicKeyInfoPem();
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(publicPem)) { KeyId = PlatformKeyId };
        var payload = DecodeSegment(Valid().Split('.')[1]).ToJsonString();
        return new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
    }

    /// <summary>A valid token whose subject is changed after signing; the signature is kept as it was.</summary>
    public string Tampered()
    {
        var parts = Valid().Split('.');
        var payload = DecodeSegment(parts[1]);
        payload[PlatformClaims.Subject] = "someone-else";
        return $"{parts[0]}.{EncodeSegment(payload)}.{parts[2]}";
    }

    public static JsonObject DecodeSegment(string segment) => JsonNode.Parse(Base64UrlEncoder.DecodeBytes(segment))!.AsObject();

    private static string EncodeSegment(JsonObject json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    // The real clock: the platform made its key moments ago, so no rotation is due and the forge reads the same key.
    private static LocalSigningKeySet Keys(string folder) =>
        new(Options.Create(new AuthOptions { SigningKey = new SigningKeyOptions { Folder = folder } }), TimeProvider.System);

    private static string Issue(LocalSigningKeySet keys, string issuer, string audience, DateTimeOffset now) =>
        new AccessTokenIssuer(keys, Options.Create(new JwtOptions { Issuer = issuer, Audience = audience }), Options.Create(new AuthOptions()), new SettableClock(now))
            .IssueAsync(Subject, "forged@example.com", [PlatformRoles.Customer], RandomNumberGenerator.GetHexString(32, lowercase: true), DateTimeOffset.UtcNow, CancellationToken.None)
            .GetAwaiter().GetResult();
}
