using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>Readiness: the service's database file or container answers.</summary>
internal sealed class DocumentStoreHealthCheck(IDocumentStoreBackend backend) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await backend.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The document store did not answer.", exception);
        }
    }
}
