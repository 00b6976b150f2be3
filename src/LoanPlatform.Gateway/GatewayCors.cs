using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Gateway;

/// <summary>
/// Which browser origins may call the API, with what: the same lists as API Management's cors policy
/// (infra/apim/policies/global.xml; a test keeps them equal). No credentials: tokens travel in the Authorization header.
/// </summary>
public static class GatewayCors
{
    public static readonly IReadOnlyList<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static readonly IReadOnlyList<string> RequestHeaders = ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "X-Correlation-Id"];

    /// <summary>What a browser app must read: the ETag for If-Match, Location after a create, Retry-After on 429 and 503.</summary>
    public static readonly IReadOnlyList<string> ExposedHeaders = ["ETag", "Location", "Retry-After", "X-Correlation-Id"];

    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddGatewayCors(this IServiceCollection services, GatewayOptions options) =>
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. options.AllowedOrigins])
            .WithMethods([.. Methods])
            .WithHeaders([.. RequestHeaders])
            .WithExposedHeaders([.. ExposedHeaders])
            .SetPreflightMaxAge(PreflightMaxAge)));

    /// <summary>Before authentication, so a browser's preflight (which carries no token) is answered, not refused.</summary>
    public static WebApplication UseGatewayCors(this WebApplication app)
    {
        app.UseCors();
        return app;
    }
}
