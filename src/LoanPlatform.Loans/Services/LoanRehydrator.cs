using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Orchestrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Loans.Services;

/// <summary>
/// At start, before requests are admitted: gives every open loan in the Loans store a live orchestration (all of them
/// after the in-memory engine starts empty; on a durable backend those whose instance never started or ended early),
/// and puts right what a crash left of submissions. The activities are idempotent against the loan document, so each
/// orchestration continues from its recorded stage with the SLA time that remains, and applies a command the loan
/// records for its wait.
/// </summary>
public sealed class LoanRehydrator(LoanRepository loans, IServiceScopeFactory scopes, ILogger<LoanRehydrator> logger)
{
    public async Task<int> RehydrateAsync(LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var fixedUp = await scope.ServiceProvider.GetRequiredService<LoanApplicationService>().FinishAbandonedSubmissionsAsync(cancellationToken);
            if (fixedUp > 0)
            {
                logger.LogWarning("Put right {Count} idempotency record(s) and open-application claim(s) left by interrupted submissions", fixedUp);
            }
        }

        var restarted = 0;
        await foreach (var doc in loans.QueryAsync(DocumentQuery.Where("isOpen", true), cancellationToken))
        {
            if (await engine.EnsureRunningAsync(doc.Id, cancellationToken))
            {
                restarted++;
            }
        }

        logger.LogInformation("Re-hydrated {Count} open loan orchestrations from the Loans store", restarted);
        return restarted;
    }
}
