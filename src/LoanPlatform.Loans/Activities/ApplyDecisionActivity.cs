using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Activities;

/// <summary>Applies an officer's or the applicant's decision to the loan document. A thin adapter: the Function app's [ActivityTrigger] calls the same service method.</summary>
[DurableTask(LoanApprovalTaskNames.ApplyDecision)]
public sealed class ApplyDecisionActivity(LoanProgressService progress) : TaskActivity<ApplyDecisionInput, DecisionOutcome>
{
    public override Task<DecisionOutcome> RunAsync(TaskActivityContext context, ApplyDecisionInput input) => progress.ApplyDecisionAsync(input, CancellationToken.None);
}
