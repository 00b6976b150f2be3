using LoanPlatform.Loans.Domain;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Workflows;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Loans.Services;

/// <summary>
/// The work behind every activity of the approval orchestration. Each step is idempotent against the loan document
/// (running it twice, or again after a restart, changes nothing more), which is what makes re-hydration safe.
/// </summary>
public sealed class LoanProgressService(
    LoanRepository loans,
    WorkflowCatalog workflows,
    UsersDirectoryClient users,
    IOptions<WorkflowOptions> options,
    TimeProvider time)
{
    public async Task<ApprovalPlan> ScoreAsync(string loanId, CancellationToken cancellationToken)
    {
        var read = await loans.FindAsync(loanId, cancellationToken) ?? throw new InvalidOperationException($"Loan {loanId} does not exist.");
        if (read.Value.Status != LoanStatus.Submitted)
        {
            return PlanOf(read.Value);
        }

        var current = read.Value;
        var workflow = workflows.Get(current.Product, current.WorkflowVersion);
        // The loan carries what Users vouched for when it was submitted; only an older loan asks again.
        var applicant = current is { Kyc: { } kyc, ApplicantDateOfBirth: { } dateOfBirth }
            ? new ApplicantProfile(current.ApplicantId, kyc, dateOfBirth)
            : await users.GetApplicantAsync(current.ApplicantId, cancellationToken) ?? new ApplicantProfile(current.ApplicantId, ApplicantKyc.Unknown, DateOnly.MinValue);
        var updated = await loans.UpdateAsync(read, loan => loan.ScoreAgainst(workflow, applicant, SlaHour, time.GetUtcNow()), cancellationToken);
        return PlanOf(updated);
    }

    public async Task<StageWait> OpenStageAsync(StageRef stage, CancellationToken cancellationToken)
    {
        var updated = await loans.UpdateAsync(stage.LoanId, loan => loan.OpenStage(stage.StageIndex, SlaHour, time.GetUtcNow()), cancellationToken);
        return WaitOf(updated, stage.StageIndex);
    }

    public async Task<StageWait?> EscalateAsync(StageRef stage, CancellationToken cancellationToken)
    {
        var updated = await loans.UpdateAsync(stage.LoanId, loan => loan.Escalate(stage.StageIndex, SlaHour, time.GetUtcNow()), cancellationToken);
        if (updated.RecordedDecisionFor(stage.StageIndex, updated.WaitRound) is not null)
        {
            return WaitOf(updated, stage.StageIndex);
        }

        // Escalated with time left: this call escalated it (or is a re-delivery of the call that did). Escalated and
        // out of time: the escalation SLA has run out too, so there is nothing further to escalate to.
        // An unanswered referral is not escalated: the applicant let it lapse, so the application expires.
        var after = updated.Stages[stage.StageIndex];
        return after.Escalated && !after.AwaitingApplicant && updated.Status == LoanStatus.PendingApproval && after.Deadline > time.GetUtcNow()
            ? WaitOf(updated, stage.StageIndex)
            : null;
    }

    /// <summary>The command the loan records for a wait (<see cref="LoanApplication.RecordedDecisionFor"/>); null when the orchestration should wait for an event.</summary>
    public async Task<PendingDecision?> FindRecordedDecisionAsync(WaitRef wait, CancellationToken cancellationToken)
    {
        var loan = (await loans.FindAsync(wait.LoanId, cancellationToken))?.Value ?? throw new InvalidOperationException($"Loan {wait.LoanId} does not exist.");
        return loan.RecordedDecisionFor(wait.StageIndex, wait.WaitRound);
    }

    public async Task<DecisionOutcome> ApplyDecisionAsync(ApplyDecisionInput input, CancellationToken cancellationToken)
    {
        var outcome = DecisionOutcome.Ignored;
        await loans.UpdateAsync(input.LoanId, loan =>
        {
            (var applied, outcome) = loan.ApplyAndComplete(input.Decision, SlaHour, time.GetUtcNow());
            return applied;
        }, cancellationToken);
        return outcome;
    }

    public async Task<LoanStatus> CompleteApprovalAsync(string loanId, CancellationToken cancellationToken) =>
        (await loans.UpdateAsync(loanId, loan => loan.Complete(time.GetUtcNow()), cancellationToken)).Status;

    public Task ExpireAsync(string loanId, CancellationToken cancellationToken) =>
        loans.UpdateAsync(loanId, loan => loan.Expire(time.GetUtcNow()), cancellationToken);

    private TimeSpan SlaHour => options.Value.SlaHour;

    private static ApprovalPlan PlanOf(LoanApplication loan) =>
        loan.Status == LoanStatus.PendingApproval && loan.Stages.ElementAtOrDefault(loan.CurrentStage)?.Deadline is not null
            ? new(null, loan.CurrentStage, loan.Stages.Count, WaitOf(loan, loan.CurrentStage), loan.RecordedDecisionFor(loan.CurrentStage, loan.WaitRound))
            : new(loan.Status.IsFinal() ? loan.Status : null, loan.CurrentStage, loan.Stages.Count);

    private static StageWait WaitOf(LoanApplication loan, int stageIndex)
    {
        var stage = loan.Stages[stageIndex];
        return new StageWait(stageIndex, loan.WaitRound, stage.CurrentRole, stage.Deadline!.Value, stage.Escalated);
    }
}
