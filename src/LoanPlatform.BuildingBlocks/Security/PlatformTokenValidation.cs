using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>One definition of what a valid LoanPlatform token is, used by the gateway, every service and the tests.</summary>
public static class PlatformTokenValidation
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static TokenValidationParameters ForAccessTokens(string issuer, string audience) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = issuer,
        ValidateAudience = true,
        ValidAudience = audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        // Asymmetric only: refuses "none" and HS256-with-the-public-key confusion.
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        // Keys are matched by kid only; a token naming an unknown kid is refused, not tried against every key.
        TryAllIssuerSigningKeys = false,
        ClockSkew = ClockSkew,
        NameClaimType = PlatformClaims.Subject,
        RoleClaimType = PlatformClaims.Roles,
    };
}
