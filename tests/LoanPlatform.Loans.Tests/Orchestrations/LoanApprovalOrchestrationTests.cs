using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;

namespace LoanPlatform.Loans.Tests.Orchestrations;

/// <summary>
/// The approval orchestrator's decisions, step by step, on a fake context (no engine, no store): which activity it calls
/// with what, which event it waits for, and what it does when the SLA timer wins.
/// </summary>
public sealed class LoanApprovalOrchestrationTests
{
    private const string LoanId = "loan-1";
    private static readonly DateTimeOffset Deadline = new(2026, 1, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_approval_of_the_only_stage_completes_the_loan()
    {
        var context = OneStage()
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(DecisionKind.Approve, waitRound: 1))
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => DecisionOutcome.StageApproved)
            .OnActivity<string>(LoanApprovalTaskNames.CompleteApproval, _ => LoanStatus.Approved);

        var status = await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId));

        Assert.Equal(LoanStatus.Approved, status);
        Assert.Equal(
            ["activity ScoreApplication", "activity OpenStage", "activity FindRecordedDecision", "event decision-s0-r1", $"timer {Deadline.UtcDateTime:O}",
             "activity ApplyDecision", "activity CompleteApproval"],
            context.Steps);
        Assert.Equal(new StageWait(0, 1, "LoanOfficer", Deadline, false), context.CustomStatus);
    }

    [Fact]
    public async Task A_rejection_ends_the_loan_without_completing_it()
    {
        var context = OneStage()
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(DecisionKind.Reject, waitRound: 1))
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => DecisionOutcome.Rejected);

        Assert.Equal(LoanStatus.Rejected, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.DoesNotContain("activity CompleteApproval", context.Steps);
    }

    [Fact]
    public async Task An_application_rejected_by_scoring_never_waits()
    {
        var context = new FakeOrchestrationContext(LoanId, LoanApprovalOrchestration.Version)
            .OnActivity<string>(LoanApprovalTaskNames.ScoreApplication, _ => new ApprovalPlan(LoanStatus.Rejected, 0, 0));

        Assert.Equal(LoanStatus.Rejected, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.Equal(["activity ScoreApplication"], context.Steps);
    }

    [Fact]
    public async Task The_SLA_timer_escalates_once_and_the_escalated_wait_takes_the_decision()
    {
        var escalatedDeadline = Deadline.AddHours(12);
        var context = OneStage()
            .OnActivity<StageRef>(LoanApprovalTaskNames.EscalateStage, _ => new StageWait(0, 2, "SeniorLoanOfficer", escalatedDeadline, true))
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 2), Decision(DecisionKind.Approve, waitRound: 2))
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, input => input.Decision.WaitRound == 2 ? DecisionOutcome.StageApproved : DecisionOutcome.Ignored)
            .OnActivity<string>(LoanApprovalTaskNames.CompleteApproval, _ => LoanStatus.Approved);

        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.Equal(
            ["activity ScoreApplication", "activity OpenStage", "activity FindRecordedDecision", "event decision-s0-r1", $"timer {Deadline.UtcDateTime:O}",
             // The timer won: a command accepted just before the deadline is looked for before escalating.
             "activity FindRecordedDecision", "activity EscalateStage",
             "activity FindRecordedDecision", "event decision-s0-r2", $"timer {escalatedDeadline.UtcDateTime:O}",
             "activity ApplyDecision", "activity CompleteApproval"],
            context.Steps);
    }

    [Fact]
    public async Task A_wait_nobody_answers_after_escalation_expires_the_application()
    {
        var context = OneStage()
            .OnActivity<StageRef>(LoanApprovalTaskNames.EscalateStage, _ => null)
            .OnActivity<string>(LoanApprovalTaskNames.ExpireApplication, _ => true);

        Assert.Equal(LoanStatus.Expired, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.Equal(["activity EscalateStage", "activity ExpireApplication"], context.Steps.TakeLast(2));
        Assert.DoesNotContain("activity ApplyDecision", context.Steps);
    }

    [Fact]
    public async Task A_referral_waits_for_the_applicant_then_for_staff_again_under_new_event_names()
    {
        var waits = new Queue<StageWait>([
            new StageWait(0, 1, "LoanOfficer", Deadline, false),
            new StageWait(0, 2, "Applicant", Deadline.AddDays(3), false),
            new StageWait(0, 3, "LoanOfficer", Deadline.AddDays(4), false)]);
        var context = new FakeOrchestrationContext(LoanId, LoanApprovalOrchestration.Version)
            .OnActivity<string>(LoanApprovalTaskNames.ScoreApplication, _ => new ApprovalPlan(null, 0, 1))
            .OnActivity<StageRef>(LoanApprovalTaskNames.OpenStage, _ => waits.Dequeue())
            .OnActivity<WaitRef>(LoanApprovalTaskNames.FindRecordedDecision, _ => null)
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(DecisionKind.Refer, waitRound: 1))
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 2), Decision(DecisionKind.ProvideInformation, waitRound: 2))
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 3), Decision(DecisionKind.Approve, waitRound: 3))
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, input => input.Decision.Kind switch
            {
                DecisionKind.Refer => DecisionOutcome.Referred,
                DecisionKind.ProvideInformation => DecisionOutcome.Resumed,
                _ => DecisionOutcome.StageApproved,
            })
            .OnActivity<string>(LoanApprovalTaskNames.CompleteApproval, _ => LoanStatus.Approved);

        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.Equal(["event decision-s0-r1", "event decision-s0-r2", "event decision-s0-r3"], context.Steps.Where(s => s.StartsWith("event", StringComparison.Ordinal)));
        Assert.Equal([DecisionKind.Refer, DecisionKind.ProvideInformation, DecisionKind.Approve],
            context.ActivityCalls.Where(c => c.Name == LoanApprovalTaskNames.ApplyDecision).Select(c => ((ApplyDecisionInput)c.Input!).Decision.Kind));
        Assert.Empty(waits);
    }

    [Fact]
    public async Task A_decision_recorded_on_the_loan_is_applied_without_waiting_for_its_event()
    {
        // The engine lost the raised event with its memory (a crash); the loan recorded the command before the API answered.
        var recorded = Decision(DecisionKind.Approve, waitRound: 1);
        var context = OneStage()
            .OnActivity<WaitRef>(LoanApprovalTaskNames.FindRecordedDecision, wait => wait == new WaitRef(LoanId, 0, 1) ? recorded : null)
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => DecisionOutcome.StageApproved)
            .OnActivity<string>(LoanApprovalTaskNames.CompleteApproval, _ => LoanStatus.Approved);

        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.DoesNotContain(context.Steps, s => s.StartsWith("event", StringComparison.Ordinal) || s.StartsWith("timer", StringComparison.Ordinal));
        Assert.Equal(new ApplyDecisionInput(LoanId, recorded), context.ActivityCalls.Single(c => c.Name == LoanApprovalTaskNames.ApplyDecision).Input);
    }

    [Fact]
    public async Task An_unversioned_instance_of_the_previous_release_waits_without_looking_for_recorded_commands()
    {
        var context = OneStage(version: "")
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(DecisionKind.Approve, waitRound: 1))
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => DecisionOutcome.StageApproved)
            .OnActivity<string>(LoanApprovalTaskNames.CompleteApproval, _ => LoanStatus.Approved);

        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.DoesNotContain("activity FindRecordedDecision", context.Steps);
    }

    [Fact]
    public async Task Two_stages_are_opened_and_decided_in_order()
    {
        var context = new FakeOrchestrationContext(LoanId, LoanApprovalOrchestration.Version)
            .OnActivity<string>(LoanApprovalTaskNames.ScoreApplication, _ => new ApprovalPlan(null, 0, 2))
            .OnActivity<StageRef>(LoanApprovalTaskNames.OpenStage, stage => new StageWait(stage.StageIndex, stage.StageIndex + 1, "LoanOfficer", Deadline, false))
            .OnActivity<WaitRef>(LoanApprovalTaskNames.FindRecordedDecision, _ => null)
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(DecisionKind.Approve, waitRound: 1))
            .Raise(LoanApprovalTaskNames.DecisionEvent(1, 2), Decision(DecisionKind.Approve, waitRound: 2) with { StageIndex = 1 })
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => DecisionOutcome.StageApproved)
            .OnActivity<string>(LoanApprovalTaskNames.CompleteApproval, _ => LoanStatus.Approved);

        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.Equal([new StageRef(LoanId, 0), new StageRef(LoanId, 1)], context.ActivityCalls.Where(c => c.Name == LoanApprovalTaskNames.OpenStage).Select(c => c.Input));
    }

    [Fact]
    public async Task From_version_3_the_first_wait_starts_from_what_scoring_read_without_opening_or_looking_again()
    {
        var context = ScoredWith(LoanApprovalOrchestration.Version, recorded: null)
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(DecisionKind.Approve, waitRound: 1))
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => DecisionOutcome.StageApproved)
            .OnActivity<string>(LoanApprovalTaskNames.CompleteApproval, _ => LoanStatus.Approved);

        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.Equal(
            ["activity ScoreApplication", "event decision-s0-r1", $"timer {Deadline.UtcDateTime:O}", "activity ApplyDecision", "activity CompleteApproval"],
            context.Steps);
        Assert.Equal(new StageWait(0, 1, "LoanOfficer", Deadline, false), context.CustomStatus);
    }

    [Fact]
    public async Task From_version_3_a_command_scoring_found_recorded_is_applied_without_waiting()
    {
        var recorded = Decision(DecisionKind.Reject, waitRound: 1);
        var context = ScoredWith(LoanApprovalOrchestration.Version, recorded)
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => DecisionOutcome.Rejected);

        Assert.Equal(LoanStatus.Rejected, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.Equal(["activity ScoreApplication", "activity ApplyDecision"], context.Steps);
        Assert.Equal(new ApplyDecisionInput(LoanId, recorded), context.ActivityCalls.Single(c => c.Name == LoanApprovalTaskNames.ApplyDecision).Input);
    }

    [Fact]
    public async Task A_version_2_instance_keeps_opening_and_looking_whatever_scoring_returns_and_later_waits_look_again_in_version_3()
    {
        var version2 = ScoredWith("2", recorded: null)
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(DecisionKind.Reject, waitRound: 1))
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => DecisionOutcome.Rejected);
        await new LoanApprovalOrchestration().RunAsync(version2, new LoanApprovalInput(LoanId));
        Assert.Equal(["activity ScoreApplication", "activity OpenStage", "activity FindRecordedDecision", "event decision-s0-r1"], version2.Steps.Take(4));

        // In version 3 a referral's new wait (round 2) is opened and looked at as before: only the first wait is scoring's.
        var referred = ScoredWith(LoanApprovalOrchestration.Version, recorded: null)
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(DecisionKind.Refer, waitRound: 1))
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 2), Decision(DecisionKind.Reject, waitRound: 2))
            .OnActivity<StageRef>(LoanApprovalTaskNames.OpenStage, _ => new StageWait(0, 2, ApprovalStage.ApplicantRole, Deadline.AddDays(3), false))
            .OnActivity<WaitRef>(LoanApprovalTaskNames.FindRecordedDecision, _ => null)
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, call => call.Decision.Kind == DecisionKind.Refer ? DecisionOutcome.Referred : DecisionOutcome.Rejected);
        Assert.Equal(LoanStatus.Rejected, await new LoanApprovalOrchestration().RunAsync(referred, new LoanApprovalInput(LoanId)));
        Assert.Equal(
            ["activity ScoreApplication", "event decision-s0-r1", $"timer {Deadline.UtcDateTime:O}", "activity ApplyDecision", "activity OpenStage", "activity FindRecordedDecision", "event decision-s0-r2"],
            referred.Steps.Take(7));
    }

    [Fact]
    public async Task From_version_4_an_approval_the_API_applied_is_taken_as_applied_and_a_version_3_instance_applies_it_again()
    {
        var applied = Decision(DecisionKind.Approve, waitRound: 1) with { Applied = DecisionOutcome.StageApproved };
        FakeOrchestrationContext Approved(string version) => ScoredWith(version, recorded: null)
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), applied)
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => DecisionOutcome.StageApproved)
            .OnActivity<string>(LoanApprovalTaskNames.CompleteApproval, _ => LoanStatus.Approved);

        var version4 = Approved("4");
        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(version4, new LoanApprovalInput(LoanId)));
        Assert.Equal(["activity ScoreApplication", "event decision-s0-r1", $"timer {Deadline.UtcDateTime:O}", "activity CompleteApproval"], version4.Steps);

        var version3 = Approved("3");
        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(version3, new LoanApprovalInput(LoanId)));
        Assert.Contains("activity ApplyDecision", version3.Steps);
    }

    [Fact]
    public async Task From_version_5_every_outcome_the_API_applied_is_taken_as_applied_and_a_last_approval_needs_no_completing_step()
    {
        FakeOrchestrationContext Decided(string version, DecisionKind kind, DecisionOutcome outcome) => ScoredWith(version, recorded: null)
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(kind, waitRound: 1) with { Applied = outcome })
            .OnActivity<ApplyDecisionInput>(LoanApprovalTaskNames.ApplyDecision, _ => outcome)
            .OnActivity<string>(LoanApprovalTaskNames.CompleteApproval, _ => LoanStatus.Approved);
        string[] waited = ["activity ScoreApplication", "event decision-s0-r1", $"timer {Deadline.UtcDateTime:O}"];

        var approved = Decided(LoanApprovalOrchestration.Version, DecisionKind.Approve, DecisionOutcome.StageApproved);
        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(approved, new LoanApprovalInput(LoanId)));
        Assert.Equal(waited, approved.Steps);

        var rejected = Decided(LoanApprovalOrchestration.Version, DecisionKind.Reject, DecisionOutcome.Rejected);
        Assert.Equal(LoanStatus.Rejected, await new LoanApprovalOrchestration().RunAsync(rejected, new LoanApprovalInput(LoanId)));
        Assert.Equal(waited, rejected.Steps);

        var cancelled = Decided(LoanApprovalOrchestration.Version, DecisionKind.Cancel, DecisionOutcome.Cancelled);
        Assert.Equal(LoanStatus.Cancelled, await new LoanApprovalOrchestration().RunAsync(cancelled, new LoanApprovalInput(LoanId)));
        Assert.Equal(waited, cancelled.Steps);

        // A version 4 instance still applies a rejection, and completes after the approval.
        var rejected4 = Decided("4", DecisionKind.Reject, DecisionOutcome.Rejected);
        Assert.Equal(LoanStatus.Rejected, await new LoanApprovalOrchestration().RunAsync(rejected4, new LoanApprovalInput(LoanId)));
        Assert.Equal([.. waited, "activity ApplyDecision"], rejected4.Steps);
    }

    [Fact]
    public async Task From_version_5_an_approval_the_API_applied_to_a_stage_before_the_last_opens_the_next_stage()
    {
        var context = new FakeOrchestrationContext(LoanId, LoanApprovalOrchestration.Version)
            .OnActivity<string>(LoanApprovalTaskNames.ScoreApplication, _ => new ApprovalPlan(null, 0, 2, new StageWait(0, 1, "LoanOfficer", Deadline, false), null))
            .Raise(LoanApprovalTaskNames.DecisionEvent(0, 1), Decision(DecisionKind.Approve, waitRound: 1) with { Applied = DecisionOutcome.StageApproved })
            .OnActivity<StageRef>(LoanApprovalTaskNames.OpenStage, _ => new StageWait(1, 2, "SeniorLoanOfficer", Deadline, false))
            .OnActivity<WaitRef>(LoanApprovalTaskNames.FindRecordedDecision, _ => null)
            .Raise(LoanApprovalTaskNames.DecisionEvent(1, 2), Decision(DecisionKind.Approve, waitRound: 2) with { StageIndex = 1, Applied = DecisionOutcome.StageApproved });

        Assert.Equal(LoanStatus.Approved, await new LoanApprovalOrchestration().RunAsync(context, new LoanApprovalInput(LoanId)));
        Assert.Equal(
            ["activity ScoreApplication", "event decision-s0-r1", $"timer {Deadline.UtcDateTime:O}", "activity OpenStage", "activity FindRecordedDecision", "event decision-s1-r2", $"timer {Deadline.UtcDateTime:O}"],
            context.Steps);
    }

    /// <summary>A loan scoring left waiting at its one stage, as scoring reports it with the wait it read.</summary>
    private static FakeOrchestrationContext ScoredWith(string version, PendingDecision? recorded) =>
        new FakeOrchestrationContext(LoanId, version)
            .OnActivity<string>(LoanApprovalTaskNames.ScoreApplication, _ => new ApprovalPlan(null, 0, 1, new StageWait(0, 1, "LoanOfficer", Deadline, false), recorded))
            .OnActivity<StageRef>(LoanApprovalTaskNames.OpenStage, _ => new StageWait(0, 1, "LoanOfficer", Deadline, false))
            .OnActivity<WaitRef>(LoanApprovalTaskNames.FindRecordedDecision, _ => null);

    /// <summary>A scored loan with one stage, opened for a LoanOfficer until <see cref="Deadline"/>, with no command recorded.</summary>
    private static FakeOrchestrationContext OneStage(string version = LoanApprovalOrchestration.Version) =>
        new FakeOrchestrationContext(LoanId, version)
            .OnActivity<string>(LoanApprovalTaskNames.ScoreApplication, _ => new ApprovalPlan(null, 0, 1))
            .OnActivity<StageRef>(LoanApprovalTaskNames.OpenStage, _ => new StageWait(0, 1, "LoanOfficer", Deadline, false))
            .OnActivity<WaitRef>(LoanApprovalTaskNames.FindRecordedDecision, _ => null);

    private static PendingDecision Decision(DecisionKind kind, int waitRound) =>
        new("d-" + kind + waitRound, "staff-officer1", "LoanOfficer", kind, "reason", null, 0, waitRound, Deadline.AddHours(-1));
}
