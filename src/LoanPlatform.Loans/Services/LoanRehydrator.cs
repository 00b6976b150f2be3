using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Orchestrations;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Loans.Services;

/// <summary>
/// After the in-process engine starts empty, restarts the orchestration of every open loan from the Loans store.
/// The activities are idempotent against the loan document, so each continues from its recorded stage with the
/// SLA time that remains.
/// </summary>
public sealed class LoanRehydrator(LoanRepository loans, ILogger<LoanRehydrator> logger)
{
    public async Task<int> RehydrateAsync(LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        var restarted = 0;
        await foreach (var doc in loans.QueryAsync(DocumentQuery.Where("isOpen", true), cancellationToken))
        {
            if (!await engine.ExistsAsync(doc.Id, cancellationToken))
            {
                await engine.StartAsync(doc.Id, cancellationToken);
                restarted++;
            }
        }

        logger.LogInformation("Re-hydrated {Count} open loan orchestrations from the Loans store", restarted);
        return restarted;
    }
}
