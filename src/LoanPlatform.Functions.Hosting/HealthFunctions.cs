using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoanPlatform.Functions.Hosting;

/// <summary>
/// Liveness and readiness for API Management and the platform's probes, in every Function app: the worker SDK indexes
/// [Function]s of referenced assemblies too (functions.metadata and the generated executor both list these).
/// </summary>
[AllowAnonymous]
public sealed class HealthFunctions(HealthCheckService health)
{
    [Function("HealthLive")]
    public Task<IResult> Live([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest req, CancellationToken cancellationToken) =>
        HealthProbe.LiveAsync(health, cancellationToken);

    [Function("HealthReady")]
    public Task<IResult> Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest req, CancellationToken cancellationToken) =>
        HealthProbe.ReadyAsync(health, cancellationToken);
}
