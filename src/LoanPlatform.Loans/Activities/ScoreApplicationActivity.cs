using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Activities;

/// <summary>Scores the application and plans its approval stages (LoanProgressService.ScoreAsync). A thin adapter: the Function app's [ActivityTrigger] calls the same service method.</summary>
[DurableTask(LoanApprovalTaskNames.ScoreApplication)]
public sealed class ScoreApplicationActivity(LoanProgressService progress) : TaskActivity<string, ApprovalPlan>
{
    public override Task<ApprovalPlan> RunAsync(TaskActivityContext context, string input) => progress.ScoreAsync(input, CancellationToken.None);
}
