namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

public static class ServiceIdentityDefaults
{
    /// <summary>The authentication scheme of internal, service-to-service endpoints.</summary>
    public const string Scheme = "ServiceIdentity";

    public const string LocalIssuer = "loanplatform-local-services";
}
