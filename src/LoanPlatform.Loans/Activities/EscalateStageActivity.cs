using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Activities;

/// <summary>Hands a stage whose SLA ran out to its escalation role, once. A thin adapter: the Function app's [ActivityTrigger] calls the same service method.</summary>
[DurableTask(LoanApprovalTaskNames.EscalateStage)]
public sealed class EscalateStageActivity(LoanProgressService progress) : TaskActivity<StageRef, StageWait?>
{
    public override Task<StageWait?> RunAsync(TaskActivityContext context, StageRef input) => progress.EscalateAsync(input, CancellationToken.None);
}
