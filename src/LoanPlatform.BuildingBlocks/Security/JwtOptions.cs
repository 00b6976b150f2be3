namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>How services and the gateway validate access tokens (configuration section "Jwt").</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>The Auth service's issuer identifier, e.g. https://api.example.id/auth.</summary>
    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "loanplatform-api";

    /// <summary>Where the OpenID configuration (and so the JWKS) is fetched from; may be an internal address.</summary>
    public string MetadataAddress { get; set; } = "";
}
