using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Activities;

/// <summary>The command the loan records for a wait, if any (LoanProgressService.FindRecordedDecisionAsync). A thin adapter: the Function app's [ActivityTrigger] calls the same service method.</summary>
[DurableTask(LoanApprovalTaskNames.FindRecordedDecision)]
public sealed class FindRecordedDecisionActivity(LoanProgressService progress) : TaskActivity<WaitRef, PendingDecision?>
{
    public override Task<PendingDecision?> RunAsync(TaskActivityContext context, WaitRef input) => progress.FindRecordedDecisionAsync(input, CancellationToken.None);
}
