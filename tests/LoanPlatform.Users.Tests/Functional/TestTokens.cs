using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Access tokens shaped like the Auth service's: ES256, pinned issuer and audience, signed with the key the stand-in publishes.</summary>
public static class TestTokens
{
    public const string Audience = "loanplatform-api";

    /// <summary>A customer token; <paramref name="signedInAt"/> is its auth_time (now unless given).</summary>
    public static string ForCustomer(SecurityKey key, string userId, DateTimeOffset? signedInAt = null) => For(key, userId, PlatformRoles.Customer, signedInAt);

    /// <summary>A staff member's token as the Auth service issues it to the seeded local staff.</summary>
    public static string For(SecurityKey key, string subject, string role, DateTimeOffset? signedInAt = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = AuthStandIn.Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([
            new Claim(PlatformClaims.Subject, subject),
            new Claim(PlatformClaims.Roles, role),
            new Claim(PlatformClaims.AuthTime, (signedInAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        ]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
    });
}
