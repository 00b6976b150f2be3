using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Loans.Services;

/// <summary>
/// Purges the orchestration history of loans that finished longer ago than the retention period: the history carries
/// inputs and outputs (personal data), while the Loans store keeps the loan's record and timeline. Driven by the Loans
/// store, so exactly the finished loans are purged, each once.
/// </summary>
public sealed class OrchestrationHistoryPurger(LoanRepository loans, IOptions<WorkflowOptions> options, TimeProvider time, ILogger<OrchestrationHistoryPurger> logger)
{
    public async Task<int> PurgeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.OrchestrationHistoryRetention;
        var purged = 0;
        await foreach (var doc in loans.QueryAsync(DocumentQuery.Where("isOpen", false), cancellationToken))
        {
            if (doc.Value.OrchestrationPurgedAt is not null || doc.Value.UpdatedAt > cutoff)
            {
                continue;
            }

            // The loan document turns final a moment before its orchestration completes, and only completed
            // instances are purged: one still finishing is left for the next round rather than marked as done.
            var result = await client.PurgeInstanceAsync(doc.Id, cancellationToken);
            if (result.PurgedInstanceCount == 0 && await client.GetInstanceAsync(doc.Id, cancellationToken) is not null)
            {
                continue;
            }

            await loans.UpdateAsync(doc.Id, loan => loan.OrchestrationPurgedAt is null ? loan with { OrchestrationPurgedAt = time.GetUtcNow() } : loan, cancellationToken);
            purged++;
        }

        if (purged > 0)
        {
            logger.LogInformation("Purged the orchestration history of {Count} finished loan(s)", purged);
        }

        return purged;
    }
}
