using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LoanPlatform.Auth.Signing;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Infrastructure;

/// <summary>
/// Short-lived ES256 access tokens: sub, roles, iss, aud, jti, sid, auth_time and a kid in the header. The JWS is assembled here
/// and only the digest goes to the key, so a key whose private half stays in Key Vault signs the same way as a local one.
/// </summary>
public sealed class AccessTokenIssuer(ISigningKeySet keys, IOptions<JwtOptions> jwt, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public int LifetimeSeconds => (int)options.Value.AccessTokenLifetime.TotalSeconds;

    public async Task<string> IssueAsync(
        string userId, string email, IReadOnlyList<string> roles, string sessionId, DateTimeOffset authenticatedAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, userId),
            new(PlatformClaims.Email, email),
            new(PlatformClaims.SessionId, sessionId),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(PlatformClaims.AuthTime, authenticatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        };
        claims.AddRange(roles.Select(role => new Claim(PlatformClaims.Roles, role)));
        // Unsigned, only to serialize the payload with the handler's own claim rules.
        var unsigned = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Value.Issuer,
            Audience = jwt.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.AccessTokenLifetime,
        });

        var key = await keys.GetActiveKeyAsync(cancellationToken);
        var header = new JsonObject { ["alg"] = SecurityAlgorithms.EcdsaSha256, ["kid"] = key.KeyId, ["typ"] = "JWT" };
        var signingInput = Base64UrlEncoder.Encode(header.ToJsonString()) + "." + unsigned.Split('.')[1];
        var signature = await key.SignDigestAsync(SHA256.HashData(Encoding.ASCII.GetBytes(signingInput)), cancellationToken);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }
}
