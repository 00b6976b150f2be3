namespace LoanPlatform.Gateway;

public static class RateLimitPolicies
{
    public const string Login = "login";
    public const string PerIp = "per-ip";
    public const string PerUser = "per-user";
}
