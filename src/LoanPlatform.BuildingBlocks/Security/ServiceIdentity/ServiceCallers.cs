namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>
/// The callers of internal endpoints, and the authorization policy of each set of them. An internal endpoint names
/// the callers it accepts (<c>[Authorize(Policy = ServiceCallers.Users)]</c>); every other service identity is refused
/// with 403. The policy names are parsed by <see cref="ServiceCallerPolicyProvider"/>, so any set can be written as
/// <c>service-callers:a,b</c>.
/// </summary>
public static class ServiceCallers
{
    public const string PolicyPrefix = "service-callers:";

    /// <summary>API Management in Azure; the local gateway on one machine.</summary>
    public const string Gateway = "gateway";

    public const string AuthService = "auth";
    public const string UsersService = "users";
    public const string LoansService = "loans";
    public const string NotificationsService = "notifications";

    /// <summary>Every caller name a deployment knows; a token naming another is refused before any endpoint sees it.</summary>
    public static readonly IReadOnlyList<string> All = [Gateway, AuthService, UsersService, LoansService, NotificationsService];

    public const string Users = PolicyPrefix + UsersService;
    public const string Loans = PolicyPrefix + LoansService;
    public const string Notifications = PolicyPrefix + NotificationsService;
    public const string GatewayOnly = PolicyPrefix + Gateway;

    /// <summary>The services that audit the changes they commit through the trail's ingest endpoint.</summary>
    public const string ChangeAuditors = PolicyPrefix + AuthService + "," + UsersService;

    public static IReadOnlyList<string> Parse(string policyName) =>
        policyName[PolicyPrefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
