namespace LoanPlatform.Gateway;

public static class RateLimitPolicies
{
    public const string Login = "login";
    public const string PerIp = "per-ip";
    public const string PerUser = "per-user";

    /// <summary>The officer console's pages, files and connection, per client IP: a page load fetches a dozen files.</summary>
    public const string Console = "console";
}
