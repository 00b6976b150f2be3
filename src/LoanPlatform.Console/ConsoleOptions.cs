namespace LoanPlatform.Console;

/// <summary>Configuration section "Console".</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>The public API's base address: the local gateway, or API Management in Azure. The console calls nothing else.</summary>
    public string ApiBaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>Where the console is served: "/console" behind the local gateway, "" on its own App Service.</summary>
    public string PathBase { get; set; } = "";

    /// <summary>How staff sign in: with the seeded local accounts through the API, or with Entra ID.</summary>
    public StaffSignIn SignIn { get; set; } = StaffSignIn.Local;

    /// <summary>How many audit records the auditor's search shows at a time ("Show more" loads the next page); at most 1000.</summary>
    public int AuditPageSize { get; set; } = 100;

    /// <summary>Entra ID only: the staff API's scope the console asks a token for, e.g. api://&lt;staff API client id&gt;/.default.</summary>
    public string? ApiScope { get; set; }
}
