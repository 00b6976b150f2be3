namespace LoanPlatform.Gateway;

/// <summary>Configuration section "Gateway".</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    public string Url { get; set; } = "http://localhost:8080";

    /// <summary>Each service's internal base address, by service name.</summary>
    public Dictionary<string, string> Services { get; set; } = [];

    public int LoginPerIpPerMinute { get; set; } = 20;

    /// <summary>Login-class attempts naming one account (email), from any number of addresses.</summary>
    public int LoginPerAccountPerMinute { get; set; } = 10;

    public int AnonymousPerIpPerMinute { get; set; } = 120;

    public int PerUserPerMinute { get; set; } = 600;

    /// <summary>Requests for the officer console (pages, static files, its SignalR connection) per client IP.</summary>
    public int ConsolePerIpPerMinute { get; set; } = 1200;

    /// <summary>Browser origins allowed to call the API (a web app in development, e.g. http://localhost:5173); none by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
