using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Functions;

/// <summary>
/// The approval orchestration and its activities as Durable Functions, under the names the local registry uses. The
/// DurableTask source generator is not available here, so these wrappers are written by hand; each only delegates.
/// Activities are not cancelled on host shutdown, as locally: a cancelled activity would fail the orchestration, while
/// an unfinished one is simply run again, and each is idempotent.
/// </summary>
public sealed class LoanApprovalFunctions(LoanProgressService progress)
{
    [Function(LoanApprovalTaskNames.Orchestration)]
    public static Task<LoanStatus> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new LoanApprovalOrchestration().RunAsync(context, context.GetInput<LoanApprovalInput>()!);

    [Function(LoanApprovalTaskNames.ScoreApplication)]
    public Task<ApprovalPlan> ScoreApplication([ActivityTrigger] string loanId) =>
        progress.ScoreAsync(loanId, CancellationToken.None);

    [Function(LoanApprovalTaskNames.OpenStage)]
    public Task<StageWait> OpenStage([ActivityTrigger] StageRef stage) =>
        progress.OpenStageAsync(stage, CancellationToken.None);

    [Function(LoanApprovalTaskNames.FindRecordedDecision)]
    public Task<PendingDecision?> FindRecordedDecision([ActivityTrigger] WaitRef wait) =>
        progress.FindRecordedDecisionAsync(wait, CancellationToken.None);

    [Function(LoanApprovalTaskNames.ApplyDecision)]
    public Task<DecisionOutcome> ApplyDecision([ActivityTrigger] ApplyDecisionInput input) =>
        progress.ApplyDecisionAsync(input, CancellationToken.None);

    [Function(LoanApprovalTaskNames.EscalateStage)]
    public Task<StageWait?> EscalateStage([ActivityTrigger] StageRef stage) =>
        progress.EscalateAsync(stage, CancellationToken.None);

    [Function(LoanApprovalTaskNames.ExpireApplication)]
    public Task ExpireApplication([ActivityTrigger] string loanId) =>
        progress.ExpireAsync(loanId, CancellationToken.None);

    [Function(LoanApprovalTaskNames.CompleteApproval)]
    public Task<LoanStatus> CompleteApproval([ActivityTrigger] string loanId) =>
        progress.CompleteApprovalAsync(loanId, CancellationToken.None);
}
