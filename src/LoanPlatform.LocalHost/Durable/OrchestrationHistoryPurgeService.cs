using LoanPlatform.Loans.Services;
using LoanPlatform.Loans.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace LoanPlatform.LocalHost.Durable;

/// <summary>The local counterpart of the Loans Function app's purge timer.</summary>
public sealed class OrchestrationHistoryPurgeService(OrchestrationHistoryPurger purger, DurableTaskClient client, IOptions<WorkflowOptions> options, ILogger<OrchestrationHistoryPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OrchestrationPurgeInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await purger.PurgeAsync(client, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed round is retried at the next tick; nothing is lost by waiting.
                logger.LogWarning(ex, "Purging orchestration histories failed");
            }
        }
    }
}
