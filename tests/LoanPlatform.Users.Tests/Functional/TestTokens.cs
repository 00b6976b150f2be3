using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Access tokens shaped like the Auth service's: ES256, pinned issuer and audience, signed with the key the stand-in publishes.</summary>
public static class TestTokens
{
    public const string Audience = "loanplatform-api";

    public static string ForCustomer(SecurityKey key, string userId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = AuthStandIn.Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim(PlatformClaims.Subject, userId), new Claim(PlatformClaims.Roles, PlatformRoles.Customer)]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
    });
}
