using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Infrastructure;

/// <summary>Short-lived ES256 access tokens: sub, roles, iss, aud, jti, sid and a kid in the header.</summary>
public sealed class AccessTokenIssuer(SigningKeyProvider keys, IOptions<JwtOptions> jwt, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public int LifetimeSeconds => (int)options.Value.AccessTokenLifetime.TotalSeconds;

    public string Issue(string userId, string email, IReadOnlyList<string> roles, string sessionId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, userId),
            new(PlatformClaims.Email, email),
            new(PlatformClaims.SessionId, sessionId),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Select(role => new Claim(PlatformClaims.Roles, role)));
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Value.Issuer,
            Audience = jwt.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.AccessTokenLifetime,
            SigningCredentials = keys.Credentials,
        });
    }
}
