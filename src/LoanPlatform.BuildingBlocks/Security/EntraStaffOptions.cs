namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>
/// Staff sign in with Entra ID (configuration section "EntraStaff", app settings EntraStaff__*). Their app roles
/// (LoanOfficer, SeniorLoanOfficer, Auditor, Admin) arrive in the "roles" claim. Unset locally, where the Auth service
/// issues staff tokens for the seeded accounts instead.
/// </summary>
public sealed class EntraStaffOptions
{
    public const string SectionName = "EntraStaff";

    /// <summary>The authentication scheme of staff tokens.</summary>
    public const string Scheme = "EntraStaff";

    /// <summary>e.g. https://login.microsoftonline.com/</summary>
    public string Instance { get; set; } = "";

    public string TenantId { get; set; } = "";

    /// <summary>The staff API's app registration.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The audience staff tokens are issued for, e.g. api://{ClientId}; the only one accepted.</summary>
    public string Audience { get; set; } = "";

    /// <summary>
    /// The client applications (e.g. the officer console) whose staff tokens are accepted, matched on the token's
    /// <c>azp</c> (v2) or <c>appid</c> (v1) claim; API Management checks the same list.
    /// </summary>
    public string[] ClientApplicationIds { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrEmpty(TenantId) && !string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(Audience);

    /// <summary>The v2.0 issuer of the tenant: tokens from any other tenant or endpoint version are refused.</summary>
    public string Issuer => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";
}
