using LoanPlatform.Loans.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace LoanPlatform.Loans.Functions;

/// <summary>Hourly, purges the orchestration history of loans finished longer ago than the retention period.</summary>
public sealed class OrchestrationHistoryPurgeFunction(OrchestrationHistoryPurger purger)
{
    [Function("PurgeOrchestrationHistory")]
    public Task Run([TimerTrigger("0 17 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        purger.PurgeAsync(client, cancellationToken);
}
