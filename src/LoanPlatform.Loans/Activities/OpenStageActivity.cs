using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Activities;

/// <summary>Opens an approval stage, or returns its current wait when it is already open. A thin adapter: the Function app's [ActivityTrigger] calls the same service method.</summary>
[DurableTask(LoanApprovalTaskNames.OpenStage)]
public sealed class OpenStageActivity(LoanProgressService progress) : TaskActivity<StageRef, StageWait>
{
    public override Task<StageWait> RunAsync(TaskActivityContext context, StageRef input) => progress.OpenStageAsync(input, CancellationToken.None);
}
