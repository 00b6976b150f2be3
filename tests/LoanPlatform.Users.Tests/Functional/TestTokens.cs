using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Access tokens shaped like the Auth service's: ES256, pinned issuer and audience, signed with the key the stand-in publishes.</summary>
public static class TestTokens
{
    public const string Audience = "loanplatform-api";

    public static string ForCustomer(SecurityKey key, string userId) => For(key, userId, PlatformRoles.Customer);

    /// <summary>A staff member's token as the Auth service issues it to the seeded local staff.</summary>
    public static string For(SecurityKey key, string subject, string role) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = AuthStandIn.Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim(PlatformClaims.Subject, subject), new Claim(PlatformClaims.Roles, role)]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
    });
}
