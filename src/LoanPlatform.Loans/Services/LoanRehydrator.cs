using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Loans.Services;

/// <summary>
/// Gives open loans in the Loans store a live orchestration. At a local start, before requests are admitted
/// (<see cref="RehydrateAsync"/>): every open loan (all of them after the in-memory engine starts empty; on a durable
/// backend those whose instance never started or ended early). The activities are idempotent against the loan document,
/// so each orchestration continues from its recorded stage with the SLA time that remains, and applies a command the
/// loan records for its wait. While requests are served (the timer function in Azure, where no start re-hydrates): only
/// loans whose submission died before starting theirs (<see cref="StartUnstartedAsync"/>).
/// </summary>
public sealed class LoanRehydrator(LoanRepository loans, TimeProvider time, ILogger<LoanRehydrator> logger)
{
    public async Task<int> RehydrateAsync(LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// Starts the orchestration of each submitted loan that has none although its submission is older than a submission can
    /// take (<see cref="LoanApplicationService.StaleClaimAge"/>): the request that stored it died before starting it, and
    /// the customer may never retry. Younger loans are left to the request still submitting them, and an instance that
    /// exists in any state is left alone, so this is safe beside live traffic. Returns how many it started.
    /// </summary>
    public async Task<int> StartUnstartedAsync(LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        var submittedBefore = time.GetUtcNow() - LoanApplicationService.StaleClaimAge;
        var started = 0;
        // Only submitted loans: the orchestration's first step scores the loan, so any other status means it started.
        await foreach (var doc in loans.QueryAsync(DocumentQuery.Where("status", LoanStatus.Submitted), cancellationToken))
        {
            if (doc.Value.SubmittedAt < submittedBefore && !await engine.ExistsAsync(doc.Id, cancellationToken))
            {
                await engine.StartAsync(doc.Id, cancellationToken);
                started++;
            }
        }

        if (started > 0)
        {
            logger.LogWarning("Started {Count} orchestration(s) of loans whose submission stopped before starting them", started);
        }

        return started;
    }
}
