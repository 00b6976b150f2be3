namespace LoanPlatform.Gateway;

/// <summary>The public route table. Anything not listed here (notably every /internal/ path) is not reachable from outside.</summary>
public static class GatewayRoutes
{
    public const string Auth = "auth";
    public const string Users = "users";
    public const string Loans = "loans";

    /// <summary>The officer console (local only; in Azure it is its own App Service). Not an API: it is proxied, not listed in <see cref="All"/>.</summary>
    public const string Console = "console";

    public const string ConsolePath = "/console";

    /// <summary>
    /// The console's pages, files and Blazor's SignalR connection (WebSockets included). Anonymous at the gateway: the
    /// console signs officers in itself and calls the API back through this gateway with their tokens, where every API rule applies.
    /// </summary>
    public static readonly GatewayRoute ConsoleRoute = new("console", ConsolePath + "/{**rest}", Console, GatewayAccess.Anonymous, RateLimitPolicies.Console);

    public static readonly GatewayRoute ConsoleRootRoute = new("console-root", ConsolePath, Console, GatewayAccess.Anonymous, RateLimitPolicies.Console, ["GET"]);

    public static readonly IReadOnlyList<string> Services = [Auth, Users, Loans];

    public static readonly IReadOnlyList<GatewayRoute> All =
    [
        new("auth-login", "/auth/login", Auth, GatewayAccess.Anonymous, RateLimitPolicies.Login, ["POST"]),
        new("auth-refresh", "/auth/refresh", Auth, GatewayAccess.Anonymous, RateLimitPolicies.Login, ["POST"]),
        new("auth-unlock", "/auth/unlock", Auth, GatewayAccess.Anonymous, RateLimitPolicies.Login, ["POST"]),
        new("auth-password", "/auth/password", Auth, GatewayAccess.Authenticated, RateLimitPolicies.PerUser, ["POST"]),
        new("auth-public", "/auth/{**rest}", Auth, GatewayAccess.Anonymous, RateLimitPolicies.PerIp),
        new("users-register", "/users", Users, GatewayAccess.Anonymous, RateLimitPolicies.Login, ["POST"]),
        new("users-verify", "/users/verify", Users, GatewayAccess.Anonymous, RateLimitPolicies.Login, ["POST"]),
        new("users-me", "/users/me/{**rest}", Users, GatewayAccess.Authenticated, RateLimitPolicies.PerUser),
        new("users-me-root", "/users/me", Users, GatewayAccess.Authenticated, RateLimitPolicies.PerUser),
        new("users-kyc-reviews", "/users/kyc-reviews", Users, GatewayAccess.Authenticated, RateLimitPolicies.PerUser, ["GET"]),
        new("users-kyc", "/users/{userId}/kyc", Users, GatewayAccess.Authenticated, RateLimitPolicies.PerUser, ["GET"]),
        new("users-kyc-decisions", "/users/{userId}/kyc/decisions", Users, GatewayAccess.Authenticated, RateLimitPolicies.PerUser, ["POST"]),
        new("users-staff", "/users/staff/{staffId}/person", Users, GatewayAccess.Authenticated, RateLimitPolicies.PerUser, ["GET", "PUT"]),
        new("document-files", "/files/{**rest}", Users, GatewayAccess.Anonymous, RateLimitPolicies.PerIp, ["PUT", "GET"], GatewayRoute.DocumentMaxBodyBytes),
        new("loans-root", "/loans", Loans, GatewayAccess.Authenticated, RateLimitPolicies.PerUser),
        new("loans", "/loans/{**rest}", Loans, GatewayAccess.Authenticated, RateLimitPolicies.PerUser),
        new("audit-query", "/audit", Loans, GatewayAccess.Authenticated, RateLimitPolicies.PerUser, ["GET"]),
        new("audit-verify", "/audit/verify", Loans, GatewayAccess.Authenticated, RateLimitPolicies.PerUser, ["GET"]),
        new("problem-pages", "/problems/{code}", Auth, GatewayAccess.Anonymous, RateLimitPolicies.PerIp, ["GET"]),
        new("openapi-auth", "/openapi/auth.json", Auth, GatewayAccess.Anonymous, RateLimitPolicies.PerIp, ["GET"]),
        new("openapi-users", "/openapi/users.json", Users, GatewayAccess.Anonymous, RateLimitPolicies.PerIp, ["GET"]),
        new("openapi-loans", "/openapi/loans.json", Loans, GatewayAccess.Anonymous, RateLimitPolicies.PerIp, ["GET"]),
    ];
}
