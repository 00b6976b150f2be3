using LoanPlatform.Functions.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoanPlatform.Auth.Functions;

/// <summary>Liveness and readiness for API Management and the platform's probes.</summary>
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
