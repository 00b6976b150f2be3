using System.Globalization;
using System.Net;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace LoanPlatform.Gateway;

/// <summary>The local stand-in for API Management: the same routes, token rules, limits and headers, on YARP.</summary>
public static class GatewayExtensions
{
    public const string AuthenticatedPolicy = "authenticated";

    /// <summary>Headers a client might send to pass itself off as someone; only the gateway's own validation says who a caller is.</summary>
    public static readonly IReadOnlyList<string> ForgeableIdentityHeaders =
        ["X-User-Id", "X-User-Roles", "X-User-Email", "X-Forwarded-User", "X-MS-CLIENT-PRINCIPAL", "X-MS-CLIENT-PRINCIPAL-ID", "X-MS-CLIENT-PRINCIPAL-NAME"];

    public static IHostApplicationBuilder AddPlatformGateway(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.AddPlatformAuthentication();
        // Every route of the table names its policy and nothing else is routed: an unknown path is a 404, not a challenge.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthenticatedPolicy, policy => policy.RequireAuthenticatedUser())
            .SetFallbackPolicy(null);
        builder.Services.AddGatewayRateLimiting(options);
        builder.Services.AddGatewayCors(options);
        builder.Services.AddHttpClient(nameof(ServiceReadinessCheck));
        builder.Services.AddHealthChecks().AddCheck<ServiceReadinessCheck>("services", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddReverseProxy()
            .LoadFromMemory([.. BuildRoutes(), .. BuildConsoleRoutes(options)], [.. BuildClusters(options), .. BuildConsoleClusters(options)])
            .AddTransforms(context =>
            {
                foreach (var header in ForgeableIdentityHeaders)
                {
                    context.AddRequestHeaderRemove(header);
                }

                // API Management's part: every forwarded request carries the gateway's own token, which the services
                // require (GatewayProof); a caller's copy of the header is replaced, never passed on.
                var tokens = context.Services.GetRequiredService<IServiceTokenProvider>();
                context.AddRequestTransform(async transform =>
                {
                    transform.ProxyRequest.Headers.Remove(ServiceIdentityDefaults.GatewayProofHeader);
                    transform.ProxyRequest.Headers.TryAddWithoutValidation(
                        ServiceIdentityDefaults.GatewayProofHeader, "Bearer " + await tokens.GetTokenAsync(transform.HttpContext.RequestAborted));
                });
            });
        return builder;
    }

    /// <summary>
    /// Audits every request through the gateway into the <see cref="AuditSpool"/> the host registers (its drainer appends
    /// to the Loans service's trail). Call it before the platform defaults so requests refused by authentication or
    /// authorization are kept too.
    /// </summary>
    public static WebApplication UseGatewayAudit(this WebApplication app)
    {
        app.UseMiddleware<GatewayAuditMiddleware>();
        return app;
    }

    public static WebApplication MapPlatformGateway(this WebApplication app)
    {
        var options = app.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<LoginAccountMiddleware>();
        app.UseRateLimiter();
        app.MapDefaultEndpoints();
        app.MapScalarApiReference("/docs", (scalar, context) =>
        {
            scalar.Title = "LoanPlatform API";
            // Absolute addresses (a relative one would resolve under /docs/, where nothing is served), from the configured
            // public address, never the request's Host.
            var origin = options.Url.TrimEnd('/');
            foreach (var service in GatewayRoutes.Services)
            {
                scalar.AddDocument(service, service, $"{origin}/openapi/{service}.json");
            }
        }).AllowAnonymous();
        app.MapReverseProxy();
        return app;
    }

    public static IReadOnlyList<RouteConfig> BuildRoutes() => GatewayRoutes.All.Select(ToRouteConfig).ToArray();

    /// <summary>The officer console's routes, when the host runs one (only the local host does); they reach the console alone.</summary>
    public static IReadOnlyList<RouteConfig> BuildConsoleRoutes(GatewayOptions options) => options.Services.ContainsKey(GatewayRoutes.Console)
        ? [ToRouteConfig(GatewayRoutes.ConsoleRoute), ToRouteConfig(GatewayRoutes.ConsoleRootRoute)]
        : [];

    private static ClusterConfig[] BuildConsoleClusters(GatewayOptions options) => options.Services.TryGetValue(GatewayRoutes.Console, out var address)
        ? [new ClusterConfig
        {
            ClusterId = GatewayRoutes.Console,
            Destinations = new Dictionary<string, DestinationConfig> { [GatewayRoutes.Console] = new() { Address = address } },
            HttpClient = ServiceConnections,
            HttpRequest = ServiceRequests,
        }]
        : [];

    private static RouteConfig ToRouteConfig(GatewayRoute route) => new()
    {
        RouteId = route.RouteId,
        ClusterId = route.Service,
        AuthorizationPolicy = route.Access == GatewayAccess.Authenticated ? AuthenticatedPolicy : "anonymous",
        RateLimiterPolicy = route.RateLimitPolicy,
        Match = new RouteMatch { Path = route.Path, Methods = route.Methods },
        Metadata = new Dictionary<string, string> { [RequestBodyLimitMiddleware.MetadataKey] = route.MaxBodyBytes.ToString(CultureInfo.InvariantCulture) },
    };

    private static ClusterConfig[] BuildClusters(GatewayOptions options) => GatewayRoutes.Services.Select(service => new ClusterConfig
    {
        ClusterId = service,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            [service] = new() { Address = options.Services.TryGetValue(service, out var address) ? address : throw new InvalidOperationException($"Gateway:Services:{service} is not configured.") },
        },
        HttpClient = ServiceConnections,
        HttpRequest = ServiceRequests,
    }).ToArray();

    // The services listen on plain HTTP on the same machine (in Azure, APIM's backends): HTTP/1.1 asked for outright
    // rather than offered HTTP/2 and refused, connections pooled and kept, no limit per service below the thread pool's.
    private static readonly HttpClientConfig ServiceConnections = new() { MaxConnectionsPerServer = int.MaxValue, EnableMultipleHttp2Connections = false };

    // Bodies stream both ways: nothing is buffered in the gateway (a body limit is enforced while reading, see
    // RequestBodyLimitMiddleware); the service's own answer time is the only timeout besides the caller's.
    private static readonly ForwarderRequestConfig ServiceRequests = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        AllowResponseBuffering = false,
    };
}
