using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Loans.Domain;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using LoanPlatform.Loans.Workflows;

namespace LoanPlatform.Loans.Model;

/// <summary>
/// The loan's transitions. Each guards its preconditions (a refusal is a catalogued problem), records its history line
/// and raises its events in the returned loan, so one write stores all of it. A transition that already happened (a
/// re-delivered activity, a retry after a lost race) returns the same instance: nothing to write.
/// </summary>
public sealed partial record LoanApplication
{
    public const string SystemActor = "system";
    public const string SystemRole = "System";
    public const string CustomerRole = "Customer";

    /// <summary>A command older than this never reached the orchestration (the raise failed) and may be replaced.</summary>
    public static readonly TimeSpan PendingDecisionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A new application, by an applicant whose identity is verified, on the product's current terms, whose cost stays
    /// under the regulator's cap.
    /// </summary>
    /// <param name="applicant">What the Users service vouches for; null when it does not know the applicant.</param>
    public static LoanApplication Submit(
        string loanId, string applicantId, LoanWorkflowDefinition workflow, InterestCapTable interestCaps, long amount, int tenorMonths, string purpose, long monthlyIncome,
        ApplicantProfile? applicant, DateTimeOffset now, string? correlationId)
    {
        if (applicant is not { KycVerified: true })
        {
            throw LoanProblems.KycNotVerified.Exception($"Your KYC status is {applicant?.Kyc.Status ?? "unknown"}.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var schedule = RepaymentScheduleCalculator.Calculate(amount, tenorMonths, workflow.Interest.MonthlyRatePercent, workflow.Interest.Method, workflow.Fees.OriginationPercent, today);
        if (CostOfCredit.CheckCap(interestCaps, workflow.ProductType, schedule, amount, today) is { } capProblem)
        {
            throw LoanProblems.InterestCapExceeded.Exception(capProblem);
        }

        return new LoanApplication
        {
            LoanId = loanId,
            ApplicantId = applicantId,
            Product = workflow.Product,
            WorkflowVersion = workflow.Version,
            Amount = amount,
            TenorMonths = tenorMonths,
            Purpose = purpose.Trim(),
            MonthlyIncome = monthlyIncome,
            MonthlyRatePercent = workflow.Interest.MonthlyRatePercent,
            InterestMethod = workflow.Interest.Method,
            OriginationFeePercent = workflow.Fees.OriginationPercent,
            Status = LoanStatus.Submitted,
            SubmittedAt = now,
            CorrelationId = correlationId,
            UpdatedAt = now,
            Kyc = applicant.Kyc,
            ApplicantDateOfBirth = applicant.DateOfBirth,
            History = [new LoanHistoryEntry(now, "Submitted", null, LoanStatus.Submitted, applicantId, CustomerRole, null)],
        };
    }

    /// <summary>
    /// Scores a submitted application against <paramref name="workflow"/>: a failed hard rule rejects it, else it waits for
    /// its first stage, opened in the same write — a client that sees PendingApproval can decide at once.
    /// </summary>
    /// <param name="slaHour">How long one SLA hour of the workflow lasts (shorter in tests and drills).</param>
    public LoanApplication ScoreAgainst(LoanWorkflowDefinition workflow, ApplicantProfile applicant, TimeSpan slaHour, DateTimeOffset now)
    {
        if (Status != LoanStatus.Submitted)
        {
            return this;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstInstallment = RepaymentScheduleCalculator.Calculate(Amount, TenorMonths, MonthlyRatePercent, InterestMethod, OriginationFeePercent, today)[0].Total;
        var score = LoanScorer.Score(this, workflow, applicant, today, firstInstallment);
        var scored = (this with { Score = score }).Transition(LoanStatus.Scoring, "Scored", SystemActor, SystemRole, $"Score {score.Score}, band {score.Band}.", now, CorrelationId);
        if (score.HardRuleFailed)
        {
            return scored.Transition(LoanStatus.Rejected, "RejectedByRules", SystemActor, SystemRole,
                string.Join(" ", score.Reasons.Where(r => !r.Passed).Select(r => r.Explanation)), now, CorrelationId);
        }

        return (scored with
        {
            Stages = workflow.StagesFor(Amount).Select(s => new ApprovalStage
            {
                Name = s.Name,
                Role = s.Role,
                SlaHours = s.SlaHours,
                EscalateToRole = s.EscalateToRole,
                EscalationSlaHours = s.EscalationSlaHours,
                ReferralResponseHours = s.ReferralResponseHours ?? 72,
            }).ToArray(),
            CurrentStage = 0,
        }).Transition(LoanStatus.PendingApproval, "AwaitingApproval", SystemActor, SystemRole, null, now, CorrelationId)
          .OpenStage(0, slaHour, now);
    }

    /// <summary>Opens a stage: its SLA deadline starts and a new wait round begins. A stage opens once.</summary>
    public LoanApplication OpenStage(int stageIndex, TimeSpan slaHour, DateTimeOffset now)
    {
        var definition = Stages[stageIndex];
        if (definition.Deadline is not null)
        {
            return this;
        }

        return (this with
        {
            Stages = WithStage(stageIndex, definition with { Deadline = now + slaHour * definition.SlaHours }),
            CurrentStage = stageIndex,
            WaitRound = WaitRound + 1,
            UpdatedAt = now,
        }).Record(now, "StageOpened", SystemActor, SystemRole, $"{definition.Name} waits for a {definition.Role}.");
    }

    /// <summary>
    /// Hands a stage whose SLA ran out to its escalation role, once, with the escalation SLA. Nothing changes when a
    /// command was recorded for the wait first (it is applied, not dropped), during a referral, or with nothing to escalate to.
    /// </summary>
    public LoanApplication Escalate(int stageIndex, TimeSpan slaHour, DateTimeOffset now)
    {
        var current = Stages[stageIndex];
        if (RecordedDecisionFor(stageIndex, WaitRound) is not null
            || current.AwaitingApplicant || current.Escalated || current.EscalateToRole is null || current.EscalationSlaHours is null
            || Status != LoanStatus.PendingApproval)
        {
            return this;
        }

        return (this with
        {
            Stages = WithStage(stageIndex, current with { Escalated = true, Deadline = now + slaHour * current.EscalationSlaHours.Value }),
            WaitRound = WaitRound + 1,
            PendingDecision = null,
            UpdatedAt = now,
        }).Record(now, "Escalated", SystemActor, SystemRole, $"{current.Name} passed its SLA; now waits for a {current.EscalateToRole}.");
    }

    /// <summary>
    /// The command the loan records for a wait: the one the API accepted and stored before answering, or the stage's
    /// decision when it was applied but the orchestration did not get past it (a crash; applying it again changes
    /// nothing). Null when the wait has none.
    /// </summary>
    public PendingDecision? RecordedDecisionFor(int stageIndex, int waitRound) =>
        Stages.ElementAtOrDefault(stageIndex)?.Decision is { } applied
            ? new PendingDecision(applied.DecisionId, applied.OfficerId, applied.Role, applied.Kind, applied.Reason, null, stageIndex, waitRound, applied.At, applied.CorrelationId)
            : PendingDecision is { } pending && pending.StageIndex == stageIndex && pending.WaitRound == waitRound && WaitRound == waitRound
                ? pending
                : null;

    /// <summary>
    /// An officer's decision, accepted for the current wait (the four-eyes rules checked) and recorded before it is
    /// raised. <paramref name="isInRole"/> says whether the officer holds a role.
    /// </summary>
    public LoanApplication RequestDecision(string decisionId, string officerId, Func<string, bool> isInRole, DecisionKind kind, string? reason, long? approvedAmount, DateTimeOffset now, string? correlationId)
    {
        if (ApplicantId == officerId)
        {
            throw LoanProblems.OwnApplication.Exception();
        }

        var stage = RequireOpenStage();
        if (stage.AwaitingApplicant)
        {
            throw LoanProblems.AwaitingApplicant.Exception();
        }

        var role = PlatformRoles.Deciders.Append(PlatformRoles.Admin).FirstOrDefault(r => r == stage.CurrentRole && isInRole(r))
            ?? throw LoanProblems.WrongRole.Exception($"The current stage ({stage.Name}) needs a decision by a {stage.CurrentRole}.");
        if (Stages.Any(s => s.Decision?.OfficerId == officerId))
        {
            throw LoanProblems.FourEyes.Exception();
        }

        if (approvedAmount > (ApprovedAmount ?? Amount))
        {
            throw LoanProblems.AmountAboveRequested.Exception();
        }

        // Whoever vouched for the applicant's identity is not also the one person who approves their loan.
        if (kind == DecisionKind.Approve && Stages.Count == 1 && Kyc?.VerifiedBy == officerId)
        {
            throw LoanProblems.KycVerifierSoleApprover.Exception();
        }

        return Accept(new PendingDecision(decisionId, officerId, role, kind, reason, approvedAmount, CurrentStage, WaitRound, now, correlationId));
    }

    /// <summary>The applicant withdraws the application while it waits for a decision.</summary>
    public LoanApplication RequestCancellation(string decisionId, string? reason, DateTimeOffset now, string? correlationId)
    {
        RequireOpenStage();
        return Accept(new PendingDecision(decisionId, ApplicantId, CustomerRole, DecisionKind.Cancel, reason, null, CurrentStage, WaitRound, now, correlationId));
    }

    /// <summary>The applicant answers a referral; the stage then waits for staff again.</summary>
    public LoanApplication RequestReferralAnswer(string decisionId, string message, DateTimeOffset now, string? correlationId)
    {
        if (!RequireOpenStage().AwaitingApplicant)
        {
            throw LoanProblems.NotReferred.Exception();
        }

        return Accept(new PendingDecision(decisionId, ApplicantId, CustomerRole, DecisionKind.ProvideInformation, message, null, CurrentStage, WaitRound, now, correlationId));
    }

    /// <summary>
    /// Applies a command the orchestration received for a wait (see <see cref="Decide"/>, <see cref="Refer"/>,
    /// <see cref="AnswerReferral"/>, <see cref="Cancel"/>), with what it did. A command that no longer fits the loan
    /// (another was applied first) is <see cref="DecisionOutcome.Ignored"/> and only freed from the loan.
    /// </summary>
    public (LoanApplication Loan, DecisionOutcome Outcome) Apply(PendingDecision decision, TimeSpan slaHour, DateTimeOffset now)
    {
        if (decision.Kind is DecisionKind.Refer or DecisionKind.ProvideInformation && AppliedDecisionIds.Contains(decision.DecisionId))
        {
            return (this, decision.Kind == DecisionKind.Refer ? DecisionOutcome.Referred : DecisionOutcome.Resumed);
        }

        if (OutcomeRecordedFor(decision) is { } recorded)
        {
            // Already applied (a replayed or re-delivered activity): the same outcome, nothing written.
            return (this, recorded);
        }

        var stage = Stages.ElementAtOrDefault(decision.StageIndex);

        if (Status != LoanStatus.PendingApproval || stage is null || stage.Decision is not null || CurrentStage != decision.StageIndex || WaitRound != decision.WaitRound)
        {
            return (PendingDecision?.DecisionId == decision.DecisionId ? this with { PendingDecision = null } : this, DecisionOutcome.Ignored);
        }

        return decision.Kind switch
        {
            DecisionKind.Refer => (Refer(decision, slaHour, now), DecisionOutcome.Referred),
            DecisionKind.ProvideInformation => (AnswerReferral(decision, slaHour, now), DecisionOutcome.Resumed),
            DecisionKind.Cancel => (Cancel(decision, now), DecisionOutcome.Cancelled),
            _ => (Decide(decision, now), OutcomeOf(decision.Kind)),
        };
    }

    /// <summary>What applying <paramref name="decision"/> to its stage did, when this loan records it applied; else null.</summary>
    public DecisionOutcome? OutcomeRecordedFor(PendingDecision decision) =>
        Stages.ElementAtOrDefault(decision.StageIndex)?.Decision is { } applied && applied.DecisionId == decision.DecisionId ? OutcomeOf(applied.Kind) : null;

    /// <summary>
    /// Applies the command just accepted (<see cref="PendingDecision"/>) in the same change when it ends its stage (an
    /// approval, a rejection, a cancellation): one write records and applies it, and the orchestration's step finds it
    /// applied (<see cref="RecordedDecisionFor"/> reports it, so no timer escalates or expires past it). A referral or
    /// its answer starts a new wait round, which the orchestration opens itself (its timer for the old round must not act
    /// on a wait that moved under it), so those stay recorded for the orchestration to apply.
    /// </summary>
    public LoanApplication ApplyAccepted(TimeSpan slaHour, DateTimeOffset now) =>
        PendingDecision is { Kind: not (DecisionKind.Refer or DecisionKind.ProvideInformation) } command
            ? ApplyAndComplete(command, slaHour, now).Loan
            : this;

    /// <summary>
    /// <see cref="Apply"/>, and when the command approved the last stage, <see cref="Complete"/> in the same change: the
    /// approval is one write, and the orchestration's completing step then finds nothing left to do.
    /// </summary>
    public (LoanApplication Loan, DecisionOutcome Outcome) ApplyAndComplete(PendingDecision decision, TimeSpan slaHour, DateTimeOffset now)
    {
        var (applied, outcome) = Apply(decision, slaHour, now);
        return outcome == DecisionOutcome.StageApproved && decision.StageIndex == Stages.Count - 1
            ? (applied.Complete(now), outcome)
            : (applied, outcome);
    }

    /// <summary>An officer approves (possibly a lower amount) or rejects the current stage; a rejection ends the application.</summary>
    public LoanApplication Decide(PendingDecision decision, DateTimeOffset now)
    {
        if (decision.Kind is not (DecisionKind.Approve or DecisionKind.Reject))
        {
            throw new ArgumentException($"{decision.Kind} is not a decision on a stage.", nameof(decision));
        }

        var decided = Decided(RequireCurrentWait(decision), decision, now);
        if (decision.Kind == DecisionKind.Reject)
        {
            return decided.Transition(LoanStatus.Rejected, "Rejected", decision.ActorId, decision.ActorRole, decision.Reason, now, decision.CorrelationId);
        }

        return (decided with
        {
            ApprovedAmount = decision.ApprovedAmount is { } lower ? Math.Min(lower, ApprovedAmount ?? Amount) : ApprovedAmount,
        }).Record(now, "StageApproved", decision.ActorId, decision.ActorRole, decision.Reason);
    }

    /// <summary>
    /// An officer refers the application back to the applicant: the stage waits for the answer until the referral
    /// deadline, and the applicant is told (or the referral would lapse unseen).
    /// </summary>
    public LoanApplication Refer(PendingDecision decision, TimeSpan slaHour, DateTimeOffset now)
    {
        var stage = RequireCurrentWait(decision);
        var deadline = now + slaHour * stage.ReferralResponseHours;
        return NextRound(decision, stage with { AwaitingApplicant = true, Deadline = deadline }, now, "ReferredToApplicant")
            .WithEvent(OutboxEvent.Create(EventTypes.LoanReferredToApplicant, LoanReferredToApplicant.Version, LoanId,
                new LoanReferredToApplicant(LoanId, ApplicantId, deadline, now), now, decision.CorrelationId) with { ActorId = decision.ActorId, ActorRole = decision.ActorRole });
    }

    /// <summary>The applicant's answer to a referral hands the stage back to staff with a fresh SLA.</summary>
    public LoanApplication AnswerReferral(PendingDecision decision, TimeSpan slaHour, DateTimeOffset now)
    {
        var stage = RequireCurrentWait(decision);
        var hours = stage.Escalated && stage.EscalationSlaHours is { } escalation ? escalation : stage.SlaHours;
        return NextRound(decision, stage with { AwaitingApplicant = false, Deadline = now + slaHour * hours }, now, "InformationProvided");
    }

    /// <summary>The applicant's withdrawal, applied to the wait it was accepted for.</summary>
    public LoanApplication Cancel(PendingDecision decision, DateTimeOffset now) =>
        Decided(RequireCurrentWait(decision), decision, now)
            .Transition(LoanStatus.Cancelled, "Cancelled", decision.ActorId, decision.ActorRole, decision.Reason, now, decision.CorrelationId);

    /// <summary>Nobody decided in time (or the applicant let a referral lapse): the application expires.</summary>
    public LoanApplication Expire(DateTimeOffset now) =>
        Status != LoanStatus.PendingApproval
            ? this
            : (this with { PendingDecision = null }).Transition(LoanStatus.Expired, "Expired", SystemActor, SystemRole,
                Stages[CurrentStage].AwaitingApplicant
                    ? "The applicant did not provide the requested information in time."
                    : "No decision was made within the approval SLA.",
                now, correlationId: null);

    /// <summary>Every stage approved: the loan is approved for the (possibly lowered) amount, with its repayment schedule.</summary>
    public LoanApplication Complete(DateTimeOffset now)
    {
        if (Status != LoanStatus.PendingApproval)
        {
            return this;
        }

        var principal = ApprovedAmount ?? Amount;
        var schedule = RepaymentScheduleCalculator.Calculate(principal, TenorMonths, MonthlyRatePercent, InterestMethod, OriginationFeePercent, DateOnly.FromDateTime(now.UtcDateTime));
        // The last stage's approval completes the loan, so the approval is audited under that decision's request.
        return (this with { ApprovedAmount = principal, Schedule = schedule }).Transition(LoanStatus.Approved, "Approved", SystemActor, SystemRole,
            $"Approved for {principal:N0} IDR over {TenorMonths} months.", now, Stages.Count > 0 ? Stages[^1].Decision?.CorrelationId : null);
    }

    /// <summary>Every status change goes through here, so each one is in the history and raises its events in the same write.</summary>
    /// <param name="correlationId">The request that caused the change, if one did; its audit record carries it.</param>
    private LoanApplication Transition(LoanStatus to, string eventName, string actorId, string actorRole, string? comment, DateTimeOffset at, string? correlationId)
    {
        var changed = this with
        {
            Status = to,
            UpdatedAt = at,
            History = [.. History, new LoanHistoryEntry(at, eventName, Status, to, actorId, actorRole, comment)],
        };
        return changed with { PendingEvents = [.. PendingEvents, .. LoanEvents.Of(Status, changed, actorId, actorRole, at, correlationId)] };
    }

    /// <summary>A history line for a step that keeps the status.</summary>
    private LoanApplication Record(DateTimeOffset at, string eventName, string actorId, string actorRole, string? comment) =>
        this with { History = [.. History, new LoanHistoryEntry(at, eventName, Status, Status, actorId, actorRole, comment)] };

    private LoanApplication Accept(PendingDecision command)
    {
        if (PendingDecision is { } pending && pending.WaitRound == WaitRound && command.RequestedAt - pending.RequestedAt < PendingDecisionTimeout)
        {
            throw LoanProblems.DecisionInProgress.Exception("A decision for this stage is already being processed.");
        }

        return this with { PendingDecision = command };
    }

    private ApprovalStage RequireOpenStage()
    {
        if (Status != LoanStatus.PendingApproval || CurrentStage >= Stages.Count || Stages[CurrentStage].Deadline is null || Stages[CurrentStage].Decision is not null)
        {
            throw LoanProblems.NotAwaitingDecision.Exception(Status == LoanStatus.PendingApproval
                ? "Its current stage is decided or not open yet; read the loan again shortly."
                : $"The loan is {Status}.");
        }

        return Stages[CurrentStage];
    }

    /// <summary>The stage a command was accepted for, as long as it still waits for it.</summary>
    private ApprovalStage RequireCurrentWait(PendingDecision decision)
    {
        var stage = RequireOpenStage();
        if (CurrentStage != decision.StageIndex || WaitRound != decision.WaitRound)
        {
            throw LoanProblems.DecisionInProgress.Exception("The stage no longer waits for this command.");
        }

        return stage;
    }

    private LoanApplication Decided(ApprovalStage stage, PendingDecision decision, DateTimeOffset now) => this with
    {
        Stages = WithStage(decision.StageIndex, stage with
        {
            Decision = new LoanDecisionRecord(decision.DecisionId, decision.ActorId, decision.ActorRole, decision.Kind, decision.Reason, now, decision.CorrelationId),
        }),
        PendingDecision = null,
        UpdatedAt = now,
    };

    /// <summary>A referral or its answer: neither ends the stage; each is a new wait round, so each has its own event name.</summary>
    private LoanApplication NextRound(PendingDecision decision, ApprovalStage stage, DateTimeOffset now, string eventName) => (this with
    {
        Stages = WithStage(decision.StageIndex, stage),
        PendingDecision = null,
        WaitRound = WaitRound + 1,
        UpdatedAt = now,
        AppliedDecisionIds = [.. AppliedDecisionIds, decision.DecisionId],
    }).Record(now, eventName, decision.ActorId, decision.ActorRole, decision.Reason);

    private ApprovalStage[] WithStage(int index, ApprovalStage stage)
    {
        var stages = Stages.ToArray();
        stages[index] = stage;
        return stages;
    }

    private static DecisionOutcome OutcomeOf(DecisionKind kind) => kind switch
    {
        DecisionKind.Approve => DecisionOutcome.StageApproved,
        DecisionKind.Reject => DecisionOutcome.Rejected,
        _ => DecisionOutcome.Cancelled,
    };
}
