using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Loans.Model;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Loans.Functions;

/// <summary>The outbox sweeper on a timer: republishes loan events a crash or a failed publish left in their documents.</summary>
public sealed class LoanOutboxFunctions(OutboxSweeper<LoanApplication> sweeper)
{
    [Function("SweepLoanOutbox")]
    public Task Sweep([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);
}
