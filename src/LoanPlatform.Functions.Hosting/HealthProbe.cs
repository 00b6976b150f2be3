using LoanPlatform.BuildingBlocks.ServiceDefaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoanPlatform.Functions.Hosting;

/// <summary>
/// The /health/live and /health/ready answers of a Function app, from the same health checks (and tags) the local
/// services map, so API Management's health operations reach something real.
/// </summary>
public static class HealthProbe
{
    public static async Task<IResult> LiveAsync(HealthCheckService health, CancellationToken cancellationToken) =>
        Answer(await health.CheckHealthAsync(check => check.Tags.Contains("live"), cancellationToken));

    public static async Task<IResult> ReadyAsync(HealthCheckService health, CancellationToken cancellationToken) =>
        Answer(await health.CheckHealthAsync(check => check.Tags.Contains(ServiceDefaultsExtensions.ReadyTag) || check.Tags.Contains("live"), cancellationToken));

    private static IResult Answer(HealthReport report) =>
        report.Status == HealthStatus.Unhealthy
            ? Results.Text(report.Status.ToString(), statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text(report.Status.ToString());
}
