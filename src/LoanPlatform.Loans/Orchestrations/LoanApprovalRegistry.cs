using LoanPlatform.Loans.Activities;
using Microsoft.DurableTask;

namespace LoanPlatform.Loans.Orchestrations;

public static class LoanApprovalRegistry
{
    /// <summary>Registers the approval orchestration and its activities with a Durable Task worker (the local host's engine).</summary>
    public static DurableTaskRegistry AddLoanApprovalTasks(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<LoanApprovalOrchestration>()
        .AddLoanApprovalActivities();

    /// <summary>The activities alone, for a host that runs another release's orchestrator over them.</summary>
    public static DurableTaskRegistry AddLoanApprovalActivities(this DurableTaskRegistry registry) => registry
        .AddActivity<ScoreApplicationActivity>()
        .AddActivity<OpenStageActivity>()
        .AddActivity<FindRecordedDecisionActivity>()
        .AddActivity<ApplyDecisionActivity>()
        .AddActivity<EscalateStageActivity>()
        .AddActivity<ExpireApplicationActivity>()
        .AddActivity<CompleteApprovalActivity>();
}
