using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Activities;

// Thin adapters from the Durable Task activity shape to LoanProgressService; the Function app's [ActivityTrigger]
// functions call the same service methods, so the logic exists once.

[DurableTask(LoanApprovalTaskNames.ScoreApplication)]
public sealed class ScoreApplicationActivity(LoanProgressService progress) : TaskActivity<string, ApprovalPlan>
{
    public override Task<ApprovalPlan> RunAsync(TaskActivityContext context, string input) => progress.ScoreAsync(input, CancellationToken.None);
}

[DurableTask(LoanApprovalTaskNames.OpenStage)]
public sealed class OpenStageActivity(LoanProgressService progress) : TaskActivity<StageRef, StageWait>
{
    public override Task<StageWait> RunAsync(TaskActivityContext context, StageRef input) => progress.OpenStageAsync(input, CancellationToken.None);
}

[DurableTask(LoanApprovalTaskNames.ApplyDecision)]
public sealed class ApplyDecisionActivity(LoanProgressService progress) : TaskActivity<ApplyDecisionInput, DecisionOutcome>
{
    public override Task<DecisionOutcome> RunAsync(TaskActivityContext context, ApplyDecisionInput input) => progress.ApplyDecisionAsync(input, CancellationToken.None);
}

[DurableTask(LoanApprovalTaskNames.EscalateStage)]
public sealed class EscalateStageActivity(LoanProgressService progress) : TaskActivity<StageRef, StageWait?>
{
    public override Task<StageWait?> RunAsync(TaskActivityContext context, StageRef input) => progress.EscalateAsync(input, CancellationToken.None);
}

[DurableTask(LoanApprovalTaskNames.ExpireApplication)]
public sealed class ExpireApplicationActivity(LoanProgressService progress) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        await progress.ExpireAsync(input, CancellationToken.None);
        return true;
    }
}

[DurableTask(LoanApprovalTaskNames.CompleteApproval)]
public sealed class CompleteApprovalActivity(LoanProgressService progress) : TaskActivity<string, LoanStatus>
{
    public override Task<LoanStatus> RunAsync(TaskActivityContext context, string input) => progress.CompleteApprovalAsync(input, CancellationToken.None);
}
