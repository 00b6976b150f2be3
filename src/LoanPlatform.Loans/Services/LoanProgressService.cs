using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
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
    IDocumentStore<OpenApplicationClaim> openClaims,
    WorkflowCatalog workflows,
    UsersDirectoryClient users,
    IOptions<WorkflowOptions> options,
    TimeProvider time)
{
    private const string System = "system";
    private const string SystemRole = "System";

    public async Task<ApprovalPlan> ScoreAsync(string loanId, CancellationToken cancellationToken)
    {
        var current = (await loans.FindAsync(loanId, cancellationToken))?.Value ?? throw new InvalidOperationException($"Loan {loanId} does not exist.");
        if (current.Status != LoanStatus.Submitted)
        {
            return PlanOf(current);
        }

        var workflow = workflows.Get(current.Product, current.WorkflowVersion);
        var applicant = await users.GetApplicantAsync(current.ApplicantId, cancellationToken)
            ?? new ApplicantProfile(current.ApplicantId, ApplicantKyc.Unknown, DateOnly.MinValue);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var schedule = RepaymentScheduleCalculator.Calculate(current.Amount, current.TenorMonths, current.MonthlyRatePercent, current.InterestMethod, current.OriginationFeePercent, today);
        var score = LoanScorer.Score(current, workflow, applicant, today, schedule[0].Total);

        var updated = await loans.UpdateAsync(loanId, loan =>
        {
            if (loan.Status != LoanStatus.Submitted)
            {
                return loan;
            }

            var now = time.GetUtcNow();
            var scored = Transition(loan with { Score = score }, LoanStatus.Scoring, "Scored", System, SystemRole, $"Score {score.Score}, band {score.Band}.", now, loan.CorrelationId);
            return score.HardRuleFailed
                ? Transition(scored, LoanStatus.Rejected, "RejectedByRules", System, SystemRole,
                    string.Join(" ", score.Reasons.Where(r => !r.Passed).Select(r => r.Explanation)), now, loan.CorrelationId)
                // The first stage opens in the same write that makes the loan PendingApproval: a client that sees
                // PendingApproval can decide at once, with no window in which no stage is open yet.
                : Open(Transition(scored with
                {
                    Stages = workflow.StagesFor(loan.Amount).Select(s => new ApprovalStage
                    {
                        Name = s.Name,
                        Role = s.Role,
                        SlaHours = s.SlaHours,
                        EscalateToRole = s.EscalateToRole,
                        EscalationSlaHours = s.EscalationSlaHours,
                        ReferralResponseHours = s.ReferralResponseHours ?? 72,
                    }).ToArray(),
                    CurrentStage = 0,
                }, LoanStatus.PendingApproval, "AwaitingApproval", System, SystemRole, null, now, loan.CorrelationId), 0, now);
        }, cancellationToken);

        if (updated.Status.IsFinal())
        {
            await ReleaseOpenClaimAsync(updated, cancellationToken);
        }

        return PlanOf(updated);
    }

    public async Task<StageWait> OpenStageAsync(StageRef stage, CancellationToken cancellationToken)
    {
        var updated = await loans.UpdateAsync(stage.LoanId, loan =>
            loan.Stages[stage.StageIndex].Deadline is not null ? loan : Open(loan, stage.StageIndex, time.GetUtcNow()), cancellationToken);
        return WaitOf(updated, stage.StageIndex);
    }

    private LoanApplication Open(LoanApplication loan, int stageIndex, DateTimeOffset now)
    {
        var definition = loan.Stages[stageIndex];
        var stages = loan.Stages.ToArray();
        stages[stageIndex] = definition with { Deadline = now + SlaDuration(definition.SlaHours) };
        return loan with
        {
            Stages = stages,
            CurrentStage = stageIndex,
            WaitRound = loan.WaitRound + 1,
            UpdatedAt = now,
            History = [.. loan.History, new LoanHistoryEntry(now, "StageOpened", loan.Status, loan.Status, System, SystemRole, $"{definition.Name} waits for a {definition.Role}.")],
        };
    }

    public async Task<StageWait?> EscalateAsync(StageRef stage, CancellationToken cancellationToken)
    {
        var updated = await loans.UpdateAsync(stage.LoanId, loan =>
        {
            var current = loan.Stages[stage.StageIndex];
            if (RecordedFor(loan, stage.StageIndex, loan.WaitRound) is not null)
            {
                // A command was accepted before the timer's escalation got here: it is applied, not dropped.
                return loan;
            }

            if (current.AwaitingApplicant || current.Escalated || current.EscalateToRole is null || current.EscalationSlaHours is null || loan.Status != LoanStatus.PendingApproval)
            {
                return loan;
            }

            var now = time.GetUtcNow();
            var stages = loan.Stages.ToArray();
            stages[stage.StageIndex] = current with { Escalated = true, Deadline = now + SlaDuration(current.EscalationSlaHours.Value) };
            return loan with
            {
                Stages = stages,
                WaitRound = loan.WaitRound + 1,
                PendingDecision = null,
                UpdatedAt = now,
                History = [.. loan.History, new LoanHistoryEntry(now, "Escalated", loan.Status, loan.Status, System, SystemRole, $"{current.Name} passed its SLA; now waits for a {current.EscalateToRole}.")],
            };
        }, cancellationToken);
        if (RecordedFor(updated, stage.StageIndex, updated.WaitRound) is not null)
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

    /// <summary>
    /// The command the loan records for a wait: the one the API accepted and stored before answering, or the stage's
    /// decision when it was applied but the orchestration did not get past it (a crash; applying it again changes
    /// nothing). Null when the wait has none and the orchestration should wait for an event.
    /// </summary>
    public async Task<PendingDecision?> FindRecordedDecisionAsync(WaitRef wait, CancellationToken cancellationToken)
    {
        var loan = (await loans.FindAsync(wait.LoanId, cancellationToken))?.Value ?? throw new InvalidOperationException($"Loan {wait.LoanId} does not exist.");
        return RecordedFor(loan, wait.StageIndex, wait.WaitRound);
    }

    private static PendingDecision? RecordedFor(LoanApplication loan, int stageIndex, int waitRound) =>
        loan.Stages.ElementAtOrDefault(stageIndex)?.Decision is { } applied
            ? new PendingDecision(applied.DecisionId, applied.OfficerId, applied.Role, applied.Kind, applied.Reason, null, stageIndex, waitRound, applied.At, applied.CorrelationId)
            : loan.PendingDecision is { } pending && pending.StageIndex == stageIndex && pending.WaitRound == waitRound && loan.WaitRound == waitRound
                ? pending
                : null;

    public async Task<DecisionOutcome> ApplyDecisionAsync(ApplyDecisionInput input, CancellationToken cancellationToken)
    {
        var decision = input.Decision;
        DecisionOutcome outcome = DecisionOutcome.Ignored;
        var updated = await loans.UpdateAsync(input.LoanId, loan =>
        {
            var stage = loan.Stages.ElementAtOrDefault(decision.StageIndex);
            if (decision.Kind is DecisionKind.Refer or DecisionKind.ProvideInformation && loan.AppliedDecisionIds.Contains(decision.DecisionId))
            {
                outcome = decision.Kind == DecisionKind.Refer ? DecisionOutcome.Referred : DecisionOutcome.Resumed;
                return loan;
            }

            if (stage?.Decision?.DecisionId == decision.DecisionId)
            {
                // Already applied (a replayed or re-delivered activity): report the same outcome, write nothing.
                outcome = stage.Decision.Kind switch
                {
                    DecisionKind.Approve => DecisionOutcome.StageApproved,
                    DecisionKind.Reject => DecisionOutcome.Rejected,
                    _ => DecisionOutcome.Cancelled,
                };
                return loan;
            }

            if (loan.Status != LoanStatus.PendingApproval || stage is null || loan.CurrentStage != decision.StageIndex || loan.WaitRound != decision.WaitRound)
            {
                outcome = DecisionOutcome.Ignored;
                return loan.PendingDecision?.DecisionId == decision.DecisionId ? loan with { PendingDecision = null } : loan;
            }

            var now = time.GetUtcNow();
            var stages = loan.Stages.ToArray();
            if (decision.Kind is DecisionKind.Refer or DecisionKind.ProvideInformation)
            {
                // Neither ends the stage: a referral hands the wait to the applicant, an answer hands it back to staff
                // with a fresh SLA. Each is a new wait round, so each has its own event name.
                var referring = decision.Kind == DecisionKind.Refer;
                outcome = referring ? DecisionOutcome.Referred : DecisionOutcome.Resumed;
                var deadline = now + SlaDuration(referring ? stage.ReferralResponseHours : stage.Escalated && stage.EscalationSlaHours is { } escalation ? escalation : stage.SlaHours);
                stages[decision.StageIndex] = stage with { AwaitingApplicant = referring, Deadline = deadline };
                return loan with
                {
                    // The applicant must hear of a referral, or it lapses unseen and the application expires.
                    PendingEvents = referring
                        ? [.. loan.PendingEvents, OutboxEvent.Create(EventTypes.LoanReferredToApplicant, LoanReferredToApplicant.Version, loan.LoanId,
                            new LoanReferredToApplicant(loan.LoanId, loan.ApplicantId, deadline, now), now, decision.CorrelationId) with { ActorId = decision.ActorId, ActorRole = decision.ActorRole }]
                        : loan.PendingEvents,
                    Stages = stages,
                    PendingDecision = null,
                    WaitRound = loan.WaitRound + 1,
                    UpdatedAt = now,
                    AppliedDecisionIds = [.. loan.AppliedDecisionIds, decision.DecisionId],
                    History = [.. loan.History, new LoanHistoryEntry(now, referring ? "ReferredToApplicant" : "InformationProvided", loan.Status, loan.Status, decision.ActorId, decision.ActorRole, decision.Reason)],
                };
            }

            stages[decision.StageIndex] = stage with
            {
                Decision = new LoanDecisionRecord(decision.DecisionId, decision.ActorId, decision.ActorRole, decision.Kind, decision.Reason, now, decision.CorrelationId),
            };
            var decided = loan with { Stages = stages, PendingDecision = null, UpdatedAt = now };
            switch (decision.Kind)
            {
                case DecisionKind.Approve:
                    outcome = DecisionOutcome.StageApproved;
                    var approvedAmount = decision.ApprovedAmount is { } lower ? Math.Min(lower, loan.ApprovedAmount ?? loan.Amount) : loan.ApprovedAmount;
                    return decided with
                    {
                        ApprovedAmount = approvedAmount,
                        History = [.. loan.History, new LoanHistoryEntry(now, "StageApproved", loan.Status, loan.Status, decision.ActorId, decision.ActorRole, decision.Reason)],
                    };
                case DecisionKind.Reject:
                    outcome = DecisionOutcome.Rejected;
                    return Transition(decided, LoanStatus.Rejected, "Rejected", decision.ActorId, decision.ActorRole, decision.Reason, now, decision.CorrelationId);
                default:
                    outcome = DecisionOutcome.Cancelled;
                    return Transition(decided, LoanStatus.Cancelled, "Cancelled", decision.ActorId, decision.ActorRole, decision.Reason, now, decision.CorrelationId);
            }
        }, cancellationToken);

        if (updated.Status.IsFinal())
        {
            await ReleaseOpenClaimAsync(updated, cancellationToken);
        }

        return outcome;
    }

    public async Task<LoanStatus> CompleteApprovalAsync(string loanId, CancellationToken cancellationToken)
    {
        var updated = await loans.UpdateAsync(loanId, loan =>
        {
            if (loan.Status != LoanStatus.PendingApproval)
            {
                return loan;
            }

            var now = time.GetUtcNow();
            var principal = loan.ApprovedAmount ?? loan.Amount;
            var schedule = RepaymentScheduleCalculator.Calculate(principal, loan.TenorMonths, loan.MonthlyRatePercent, loan.InterestMethod, loan.OriginationFeePercent, DateOnly.FromDateTime(now.UtcDateTime));
            // The last stage's approval completes the loan, so the approval is audited under that decision's request.
            return Transition(loan with { ApprovedAmount = principal, Schedule = schedule }, LoanStatus.Approved, "Approved", System, SystemRole,
                $"Approved for {principal:N0} IDR over {loan.TenorMonths} months.", now, loan.Stages.Count > 0 ? loan.Stages[^1].Decision?.CorrelationId : null);
        }, cancellationToken);
        await ReleaseOpenClaimAsync(updated, cancellationToken);
        return updated.Status;
    }

    public async Task ExpireAsync(string loanId, CancellationToken cancellationToken)
    {
        var updated = await loans.UpdateAsync(loanId, loan => loan.Status != LoanStatus.PendingApproval
            ? loan
            : Transition(loan with { PendingDecision = null }, LoanStatus.Expired, "Expired", System, SystemRole,
                loan.Stages[loan.CurrentStage].AwaitingApplicant
                    ? "The applicant did not provide the requested information in time."
                    : "No decision was made within the approval SLA.",
                time.GetUtcNow(), correlationId: null),
            cancellationToken);
        await ReleaseOpenClaimAsync(updated, cancellationToken);
    }

    /// <summary>Every status change goes through here, so each one is in the history and raises its events in the same write.</summary>
    /// <param name="correlationId">The request that caused the change, if one did; its audit record carries it.</param>
    internal static LoanApplication Transition(LoanApplication loan, LoanStatus to, string eventName, string actorId, string actorRole, string? comment, DateTimeOffset at, string? correlationId)
    {
        var changed = loan with
        {
            Status = to,
            UpdatedAt = at,
            History = [.. loan.History, new LoanHistoryEntry(at, eventName, loan.Status, to, actorId, actorRole, comment)],
        };
        return changed with { PendingEvents = [.. loan.PendingEvents, .. LoanEvents.Of(loan.Status, changed, actorId, actorRole, at, correlationId)] };
    }

    private async Task ReleaseOpenClaimAsync(LoanApplication loan, CancellationToken cancellationToken)
    {
        if (loan.Status.IsFinal())
        {
            var claim = await openClaims.FindAsync(loan.ApplicantId, OpenApplicationClaim.IdFor(loan.Product), cancellationToken);
            if (claim?.Value.LoanId == loan.LoanId)
            {
                await openClaims.DeleteAsync(loan.ApplicantId, claim.Id, claim.ETag, cancellationToken);
            }
        }
    }

    private TimeSpan SlaDuration(double hours) => options.Value.SlaHour * hours;

    private static ApprovalPlan PlanOf(LoanApplication loan) =>
        new(loan.Status.IsFinal() ? loan.Status : null, loan.CurrentStage, loan.Stages.Count);

    private static StageWait WaitOf(LoanApplication loan, int stageIndex)
    {
        var stage = loan.Stages[stageIndex];
        return new StageWait(stageIndex, loan.WaitRound, stage.CurrentRole, stage.Deadline!.Value, stage.Escalated);
    }
}
