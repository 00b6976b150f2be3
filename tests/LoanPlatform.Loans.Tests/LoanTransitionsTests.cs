using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Loans.Domain;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Workflows;

namespace LoanPlatform.Loans.Tests;

/// <summary>
/// The loan's own rules, without a platform: each transition records its history line and raises its events, each
/// refusal is the catalogued problem, and a transition that already happened changes nothing.
/// </summary>
public sealed class LoanTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SlaHour = TimeSpan.FromHours(1);
    private static readonly WorkflowCatalog Catalog = WorkflowCatalogTests.LoadShipped();
    private static readonly LoanWorkflowDefinition CashLoan = Catalog.FindLatest("cash-loan")!;
    private static readonly ApplicantProfile Verified = new("u1", new ApplicantKyc(ApplicantKyc.Verified, Now.AddDays(-1), "staff-admin", PlatformRoles.Admin, null), new DateOnly(1990, 6, 5));

    [Fact]
    public void Submitting_keeps_the_products_terms_and_what_Users_vouched_for()
    {
        var loan = Submitted();

        Assert.Equal((LoanStatus.Submitted, CashLoan.Interest.MonthlyRatePercent, Verified.Kyc, Verified.DateOfBirth), (loan.Status, loan.MonthlyRatePercent, loan.Kyc, loan.ApplicantDateOfBirth));
        Assert.Equal("Renovasi", loan.Purpose);
        Assert.Equal("Submitted", Assert.Single(loan.History).Event);
    }

    [Fact]
    public void An_applicant_whose_identity_is_not_verified_cannot_submit()
    {
        AssertRefused("kyc-not-verified", () => LoanApplication.Submit("l1", "u1", CashLoan, Catalog.InterestCaps, 10_000_000, 12, "Renovasi", 40_000_000,
            Verified with { Kyc = Verified.Kyc with { Status = "pending" } }, Now, null));
        AssertRefused("kyc-not-verified", () => LoanApplication.Submit("l1", "u1", CashLoan, Catalog.InterestCaps, 10_000_000, 12, "Renovasi", 40_000_000, null, Now, null));
    }

    [Fact]
    public void A_loan_costlier_than_the_regulators_cap_cannot_be_submitted()
    {
        var usurious = CashLoan with { Interest = CashLoan.Interest with { MonthlyRatePercent = 30 } };

        AssertRefused("interest-cap-exceeded", () => LoanApplication.Submit("l1", "u1", usurious, Catalog.InterestCaps, 10_000_000, 12, "Renovasi", 40_000_000, Verified, Now, null));
    }

    [Fact]
    public void Scoring_a_sound_application_plans_its_stages_and_opens_the_first_in_the_same_change()
    {
        var loan = Scored();

        Assert.Equal(LoanStatus.PendingApproval, loan.Status);
        Assert.Equal(Now + 24 * SlaHour, Assert.Single(loan.Stages).Deadline);
        Assert.Equal((0, 1), (loan.CurrentStage, loan.WaitRound));
        Assert.Equal(["Submitted", "Scored", "AwaitingApproval", "StageOpened"], loan.History.Select(h => h.Event));
        Assert.Equal([EventTypes.LoanStatusChanged, EventTypes.LoanStatusChanged], loan.PendingEvents.Select(e => e.Type));
        Assert.Same(loan, loan.ScoreAgainst(CashLoan, Verified, SlaHour, Now));
    }

    [Fact]
    public void Scoring_that_fails_a_hard_rule_rejects_with_the_failed_rules_as_reason()
    {
        var loan = Submitted(monthlyIncome: 1_000_000).ScoreAgainst(CashLoan, Verified, SlaHour, Now);

        Assert.Equal(LoanStatus.Rejected, loan.Status);
        Assert.Contains("debt-service", loan.Score!.Reasons.First(r => !r.Passed).Rule, StringComparison.Ordinal);
        Assert.Equal("RejectedByRules", loan.History[^1].Event);
        Assert.Contains(loan.PendingEvents, e => e.Type == EventTypes.LoanRejected);
        Assert.Empty(loan.Stages);
    }

    [Fact]
    public void A_stage_opens_once()
    {
        var loan = Scored();

        Assert.Same(loan, loan.OpenStage(0, SlaHour, Now.AddHours(1)));
    }

    [Fact]
    public void An_officers_decision_is_recorded_for_the_current_wait()
    {
        var loan = Scored().RequestDecision("d1", "staff-officer1", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, 8_000_000, Now, "corr-1");

        Assert.Equal(new PendingDecision("d1", "staff-officer1", PlatformRoles.LoanOfficer, DecisionKind.Approve, null, 8_000_000, 0, 1, Now, "corr-1"), loan.PendingDecision);
        Assert.Equal(loan.PendingDecision, loan.RecordedDecisionFor(0, 1));
        Assert.Null(loan.RecordedDecisionFor(0, 2));
    }

    [Fact]
    public void The_deciding_rules_refuse_with_their_catalogued_problems()
    {
        var loan = Scored();
        AssertRefused("own-application", () => loan.RequestDecision("d", "u1", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, null, Now, null));
        AssertRefused("wrong-role", () => loan.RequestDecision("d", "staff-senior", Role(PlatformRoles.SeniorLoanOfficer), DecisionKind.Approve, null, null, Now, null));
        AssertRefused("amount-above-requested", () => loan.RequestDecision("d", "staff-officer1", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, 20_000_000, Now, null));
        AssertRefused("kyc-verifier-sole-approver", () => loan.RequestDecision("d", "staff-admin", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, null, Now, null));
        AssertRefused("not-awaiting-decision", () => Submitted().RequestDecision("d", "staff-officer1", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, null, Now, null));
        AssertRefused("not-referred", () => loan.RequestReferralAnswer("d", "here it is", Now, null));

        var pending = loan.RequestDecision("d1", "staff-officer1", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, null, Now, null);
        AssertRefused("decision-in-progress", () => pending.RequestDecision("d2", "staff-officer2", Role(PlatformRoles.LoanOfficer), DecisionKind.Reject, "no", null, Now.AddSeconds(5), null));
        // A command that never reached the orchestration does not block the wait for ever.
        Assert.Equal("d3", pending.RequestDecision("d3", "staff-officer2", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, null, Now + LoanApplication.PendingDecisionTimeout, null).PendingDecision!.DecisionId);
    }

    [Fact]
    public void An_officer_who_approved_an_earlier_stage_does_not_decide_the_next()
    {
        var loan = TwoStages();
        var first = Command(loan, DecisionKind.Approve, "staff-officer1", PlatformRoles.LoanOfficer);
        var approved = loan.Apply(first, SlaHour, Now).Loan.OpenStage(1, SlaHour, Now);

        AssertRefused("four-eyes", () => approved.RequestDecision("d", "staff-officer1", Role(PlatformRoles.LoanOfficer, PlatformRoles.SeniorLoanOfficer), DecisionKind.Approve, null, null, Now, null));
        Assert.Equal(PlatformRoles.SeniorLoanOfficer, approved.RequestDecision("d", "staff-senior", Role(PlatformRoles.SeniorLoanOfficer), DecisionKind.Approve, null, null, Now, null).PendingDecision!.ActorRole);
    }

    [Fact]
    public void Approving_the_last_stage_then_completing_approves_the_lowered_amount_with_its_schedule()
    {
        var loan = Scored();
        var approve = Command(loan, DecisionKind.Approve, "staff-officer1", PlatformRoles.LoanOfficer) with { ApprovedAmount = 8_000_000 };

        var (decided, outcome) = loan.Apply(approve, SlaHour, Now);
        var completed = decided.Complete(Now.AddMinutes(1));

        Assert.Equal(DecisionOutcome.StageApproved, outcome);
        Assert.Equal("StageApproved", decided.History[^1].Event);
        Assert.Null(decided.PendingDecision);
        Assert.Equal((LoanStatus.Approved, 8_000_000L, 12), (completed.Status, completed.ApprovedAmount, completed.Schedule.Count));
        Assert.Contains(completed.PendingEvents, e => e.Type == EventTypes.LoanApproved && e.PayloadAs<LoanApproved>().ApprovedAmount == 8_000_000);
        Assert.Same(completed, completed.Complete(Now.AddMinutes(2)));
    }

    [Fact]
    public void Approving_the_last_stage_completes_the_loan_in_the_same_change_once()
    {
        var loan = Scored();
        var approve = Command(loan, DecisionKind.Approve, "staff-officer1", PlatformRoles.LoanOfficer) with { ApprovedAmount = 8_000_000 };

        var (approved, outcome) = loan.ApplyAndComplete(approve, SlaHour, Now);

        Assert.Equal((DecisionOutcome.StageApproved, LoanStatus.Approved, 8_000_000L, 12), (outcome, approved.Status, approved.ApprovedAmount, approved.Schedule.Count));
        Assert.Equal(["StageApproved", "Approved"], approved.History.TakeLast(2).Select(h => h.Event));
        Assert.Contains(approved.PendingEvents, e => e.Type == EventTypes.LoanApproved);
        // A re-delivered activity, and the orchestration's completing step after it, find nothing left to write.
        Assert.Equal((approved, DecisionOutcome.StageApproved), approved.ApplyAndComplete(approve, SlaHour, Now.AddMinutes(1)));
        Assert.Same(approved, approved.Complete(Now.AddMinutes(1)));
    }

    [Fact]
    public void A_command_that_ends_its_stage_is_applied_where_it_is_accepted_and_a_referral_stays_recorded_for_the_orchestration()
    {
        var loan = Scored();

        var approved = loan.RequestDecision("d1", "staff-officer1", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, null, Now, "corr-1").ApplyAccepted(SlaHour, Now);
        var cancelled = loan.RequestCancellation("c1", null, Now, null).ApplyAccepted(SlaHour, Now);
        var referred = loan.RequestDecision("r1", "staff-officer1", Role(PlatformRoles.LoanOfficer), DecisionKind.Refer, "payslip", null, Now, null);

        Assert.Equal((LoanStatus.Approved, "d1", null), (approved.Status, approved.Stages[0].Decision!.DecisionId, approved.PendingDecision));
        // The orchestration asks for the wait's command and gets the applied one; applying it again writes nothing.
        var recorded = approved.RecordedDecisionFor(0, 1)!;
        Assert.Equal("d1", recorded.DecisionId);
        Assert.Equal((approved, DecisionOutcome.StageApproved), approved.ApplyAndComplete(recorded, SlaHour, Now));
        Assert.Same(approved, approved.Escalate(0, SlaHour, Now.AddHours(24)));
        Assert.Equal(LoanStatus.Cancelled, cancelled.Status);
        Assert.Same(referred, referred.ApplyAccepted(SlaHour, Now));
        Assert.Equal("r1", referred.PendingDecision!.DecisionId);
    }

    [Fact]
    public void Approving_an_earlier_stage_leaves_the_next_to_open_and_a_stage_decided_before_completes_when_applied_again()
    {
        var loan = TwoStages();
        var first = Command(loan, DecisionKind.Approve, "staff-officer1", PlatformRoles.LoanOfficer);

        var (afterFirst, outcome) = loan.ApplyAndComplete(first, SlaHour, Now);

        Assert.Equal((DecisionOutcome.StageApproved, LoanStatus.PendingApproval), (outcome, afterFirst.Status));
        Assert.Null(afterFirst.Stages[1].Deadline);

        // A last stage decided by the previous release, which completed in a step of its own, is completed on re-delivery.
        var opened = afterFirst.OpenStage(1, SlaHour, Now);
        var last = Command(opened, DecisionKind.Approve, "staff-senior", PlatformRoles.SeniorLoanOfficer);
        var decidedOnly = opened.Apply(last, SlaHour, Now).Loan;
        Assert.Equal(LoanStatus.Approved, decidedOnly.ApplyAndComplete(last, SlaHour, Now).Loan.Status);
    }

    [Fact]
    public void A_decision_applied_again_reports_the_same_outcome_and_changes_nothing()
    {
        var loan = Scored();
        var reject = Command(loan, DecisionKind.Reject, "staff-officer1", PlatformRoles.LoanOfficer);
        var (rejected, outcome) = loan.Apply(reject, SlaHour, Now);

        var again = rejected.Apply(reject, SlaHour, Now.AddMinutes(1));

        Assert.Equal((LoanStatus.Rejected, DecisionOutcome.Rejected), (rejected.Status, outcome));
        Assert.Contains(rejected.PendingEvents, e => e.Type == EventTypes.LoanRejected);
        Assert.Same(rejected, again.Loan);
        Assert.Equal(DecisionOutcome.Rejected, again.Outcome);
    }

    [Fact]
    public void A_decision_for_a_wait_that_passed_is_ignored_and_freed()
    {
        var loan = Scored();
        var stale = Command(loan, DecisionKind.Approve, "staff-officer1", PlatformRoles.LoanOfficer);
        var recorded = loan with { PendingDecision = stale };
        var escalated = recorded with { WaitRound = 2 };

        var (after, outcome) = escalated.Apply(stale, SlaHour, Now);

        Assert.Equal(DecisionOutcome.Ignored, outcome);
        Assert.Null(after.PendingDecision);
        AssertRefused("decision-in-progress", () => escalated.Decide(stale, Now));
    }

    [Fact]
    public void A_referral_hands_the_wait_to_the_applicant_who_is_told_and_the_answer_hands_it_back()
    {
        var loan = Scored();
        var refer = Command(loan, DecisionKind.Refer, "staff-officer1", PlatformRoles.LoanOfficer);

        var (referred, outcome) = loan.Apply(refer, SlaHour, Now);

        Assert.Equal(DecisionOutcome.Referred, outcome);
        Assert.True(referred.Stages[0].AwaitingApplicant);
        Assert.Equal(ApprovalStage.ApplicantRole, referred.Stages[0].CurrentRole);
        Assert.Equal((2, Now + 72 * SlaHour), (referred.WaitRound, referred.Stages[0].Deadline));
        var told = Assert.Single(referred.PendingEvents, e => e.Type == EventTypes.LoanReferredToApplicant);
        Assert.Equal("staff-officer1", told.ActorId);
        Assert.Same(referred, referred.Apply(refer, SlaHour, Now).Loan);
        AssertRefused("awaiting-applicant", () => referred.RequestDecision("d", "staff-officer2", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, null, Now, null));

        var answer = referred.RequestReferralAnswer("a1", "Payslips attached.", Now.AddHours(1), null).PendingDecision!;
        var (resumed, resumedOutcome) = referred.Apply(answer, SlaHour, Now.AddHours(1));

        Assert.Equal(DecisionOutcome.Resumed, resumedOutcome);
        Assert.False(resumed.Stages[0].AwaitingApplicant);
        Assert.Equal((3, Now.AddHours(1) + 24 * SlaHour), (resumed.WaitRound, resumed.Stages[0].Deadline));
        Assert.Equal(["ReferredToApplicant", "InformationProvided"], resumed.History.TakeLast(2).Select(h => h.Event));
    }

    [Fact]
    public void An_SLA_that_ran_out_escalates_once_to_the_escalation_role()
    {
        var loan = Scored();

        var escalated = loan.Escalate(0, SlaHour, Now.AddHours(24));

        Assert.Equal((true, PlatformRoles.SeniorLoanOfficer, 2), (escalated.Stages[0].Escalated, escalated.Stages[0].CurrentRole, escalated.WaitRound));
        Assert.Equal(Now.AddHours(48), escalated.Stages[0].Deadline);
        Assert.Equal("Escalated", escalated.History[^1].Event);
        Assert.Same(escalated, escalated.Escalate(0, SlaHour, Now.AddHours(48)));
    }

    [Fact]
    public void A_command_recorded_before_the_timer_wins_over_the_escalation()
    {
        var loan = Scored().RequestDecision("d1", "staff-officer1", Role(PlatformRoles.LoanOfficer), DecisionKind.Approve, null, null, Now, null);

        Assert.Same(loan, loan.Escalate(0, SlaHour, Now.AddHours(24)));
    }

    [Fact]
    public void The_applicant_cancels_while_the_loan_waits()
    {
        var loan = Scored();
        var cancel = loan.RequestCancellation("c1", "Found another lender.", Now, null).PendingDecision!;

        var (cancelled, outcome) = loan.Apply(cancel, SlaHour, Now);

        Assert.Equal((LoanStatus.Cancelled, DecisionOutcome.Cancelled), (cancelled.Status, outcome));
        Assert.Equal(("Cancelled", "u1", LoanApplication.CustomerRole), (cancelled.History[^1].Event, cancelled.History[^1].ActorId, cancelled.History[^1].ActorRole));
        Assert.Contains(cancelled.PendingEvents, e => e.Type == EventTypes.LoanCancelled);
        AssertRefused("not-awaiting-decision", () => cancelled.RequestCancellation("c2", null, Now, null));
    }

    [Fact]
    public void A_loan_nobody_decided_expires_and_says_why()
    {
        var expired = Scored().Expire(Now.AddDays(2));
        var lapsedReferral = Scored().Apply(Command(Scored(), DecisionKind.Refer, "staff-officer1", PlatformRoles.LoanOfficer), SlaHour, Now).Loan.Expire(Now.AddDays(4));

        Assert.Equal(LoanStatus.Expired, expired.Status);
        Assert.Equal("No decision was made within the approval SLA.", expired.History[^1].Comment);
        Assert.Equal("The applicant did not provide the requested information in time.", lapsedReferral.History[^1].Comment);
        Assert.Contains(expired.PendingEvents, e => e.Type == EventTypes.LoanExpired);
        Assert.Same(expired, expired.Expire(Now.AddDays(3)));
    }

    private static LoanApplication Submitted(long amount = 10_000_000, long monthlyIncome = 40_000_000) =>
        LoanApplication.Submit("l1", "u1", CashLoan, Catalog.InterestCaps, amount, 12, " Renovasi ", monthlyIncome, Verified, Now, "corr-submit");

    private static LoanApplication Scored() => Submitted().ScoreAgainst(CashLoan, Verified, SlaHour, Now);

    private static LoanApplication TwoStages() => Submitted(amount: 60_000_000, monthlyIncome: 100_000_000).ScoreAgainst(CashLoan, Verified, SlaHour, Now);

    private static PendingDecision Command(LoanApplication loan, DecisionKind kind, string actorId, string role) =>
        new("d-" + kind, actorId, role, kind, kind == DecisionKind.Approve ? null : "reason", null, loan.CurrentStage, loan.WaitRound, Now);

    private static Func<string, bool> Role(params string[] roles) => roles.Contains;

    private static void AssertRefused(string problem, Action transition) =>
        Assert.Equal(problem, Assert.Throws<ProblemException>(transition).Type);
}
