using LoanPlatform.Loans.Model;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Loans.Orchestrations;

/// <summary>
/// One instance per loan (instance id = loan id): score, then each approval stage waits for a decision raced against
/// its SLA timer; a fired timer escalates once and then expires the application. An officer may refer the application
/// back to the applicant: the stage then waits for the answer (or expires), and resumes with a fresh SLA. Deterministic: time comes from the
/// context, every read and write goes through activities, and each activity is idempotent against the loan document,
/// so the same code can be started again from the store after the local engine restarts.
/// <para>
/// Versions: an instance runs the code path of the version it was started with (<see cref="TaskOrchestrationContext.Version"/>),
/// so a release never replays an older instance's history through changed steps. Version 2 asks the loan document for a
/// command already recorded for the wait (accepted by the API, or applied just before a crash) before waiting for an
/// event, so an acknowledged decision is never lost with an engine's memory. Unversioned instances (version 1) wait as
/// before; they get their events from the Azure Storage queue, which keeps them. Version 3 starts the first wait from
/// scoring's answer (the stage's wait and recorded command, from the loan scoring read) instead of reading the loan twice more.
/// Version 4 takes an approval the API applied in the write that recorded it (the event says so) as applied, instead of
/// calling ApplyDecision to read the loan and find it done. Version 5 does the same for a rejection or a cancellation the
/// API applied, and ends without CompleteApproval when the API's write approved the last stage (that write completed the
/// loan too): since open-application claims are no longer released, those steps would only read the loan.
/// </para>
/// </summary>
[DurableTask(LoanApprovalTaskNames.Orchestration)]
public sealed class LoanApprovalOrchestration : TaskOrchestrator<LoanApprovalInput, LoanStatus>
{
    /// <summary>The version new instances start with; host.json's durableTask.defaultVersion and the local worker use the same.</summary>
    public const string Version = "5";

    /// <summary>From this version on, a wait first looks for a command recorded on the loan.</summary>
    private const string ChecksRecordedCommands = "2";

    /// <summary>
    /// From this version on, the first wait starts from what scoring returned (the open stage's wait and its recorded
    /// command, read with the loan it scored) instead of calling OpenStage and FindRecordedDecision to read the loan again.
    /// </summary>
    private const string StartsFromScoredWait = "3";

    /// <summary>
    /// From this version on, a decision event that says its stage was approved in the write that recorded it
    /// (<see cref="PendingDecision.Applied"/>) is not applied again: ApplyDecision would only read the loan to find it done.
    /// </summary>
    private const string TakesAppliedApprovals = "4";

    /// <summary>
    /// From this version on, every outcome the API's write applied (<see cref="PendingDecision.Applied"/>: an approval, a
    /// rejection, a cancellation) is taken as applied, and an approval of the last stage the API applied ends the
    /// orchestration: the write that approved it completed the loan (<see cref="LoanApplication.ApplyAndComplete"/>).
    /// </summary>
    private const string TakesAppliedOutcomes = "5";

    public override async Task<LoanStatus> RunAsync(TaskOrchestrationContext context, LoanApprovalInput input)
    {
        var logger = context.CreateReplaySafeLogger<LoanApprovalOrchestration>();
        var plan = await context.CallActivityAsync<ApprovalPlan>(LoanApprovalTaskNames.ScoreApplication, input.LoanId);
        if (plan.FinalStatus is { } ended)
        {
            return ended;
        }

        for (var stage = plan.CurrentStage; stage < plan.StageCount; stage++)
        {
            // Scoring's read already answered what the first wait's own steps would read.
            var scored = stage == plan.CurrentStage && plan.CurrentWait is not null && context.CompareVersionTo(StartsFromScoredWait) >= 0;
            var wait = scored ? plan.CurrentWait! : await context.CallActivityAsync<StageWait>(LoanApprovalTaskNames.OpenStage, new StageRef(input.LoanId, stage));
            while (true)
            {
                context.SetCustomStatus(wait);
                var decision = scored ? plan.RecordedDecision
                    : context.CompareVersionTo(ChecksRecordedCommands) >= 0 ? await FindRecordedAsync(context, input.LoanId, stage, wait)
                    : null;
                scored = false;
                if (decision is null)
                {
                    using var timerCancellation = new CancellationTokenSource();
                    var decisionTask = context.WaitForExternalEvent<PendingDecision>(LoanApprovalTaskNames.DecisionEvent(stage, wait.WaitRound));
                    var timerTask = context.CreateTimer(wait.Deadline.UtcDateTime, timerCancellation.Token);
                    if (await Task.WhenAny(decisionTask, timerTask) == decisionTask)
                    {
                        // Synchronous on purpose: CancelAsync would continue on the thread pool, outside the orchestrator's replay.
                        timerCancellation.Cancel();
                        decision = await decisionTask;
                    }
                    else if (context.CompareVersionTo(ChecksRecordedCommands) >= 0)
                    {
                        // A command accepted just before the deadline wins over the escalation its timer would cause.
                        decision = await FindRecordedAsync(context, input.LoanId, stage, wait);
                    }
                }

                if (decision is not null)
                {
                    var applied = AppliedByTheApi(context, decision);
                    var outcome = applied
                        ?? await context.CallActivityAsync<DecisionOutcome>(LoanApprovalTaskNames.ApplyDecision, new ApplyDecisionInput(input.LoanId, decision));
                    logger.LogInformation("Loan {LoanId} stage {Stage}: decision outcome {Outcome}", input.LoanId, stage, outcome);
                    if (applied == DecisionOutcome.StageApproved && stage == plan.StageCount - 1 && context.CompareVersionTo(TakesAppliedOutcomes) >= 0)
                    {
                        return LoanStatus.Approved;
                    }

                    if (outcome == DecisionOutcome.Rejected)
                    {
                        return LoanStatus.Rejected;
                    }

                    if (outcome == DecisionOutcome.Cancelled)
                    {
                        return LoanStatus.Cancelled;
                    }

                    if (outcome == DecisionOutcome.StageApproved)
                    {
                        break;
                    }

                    // Referred, resumed or ignored: the stage goes on, under the wait the loan now records.
                    wait = await context.CallActivityAsync<StageWait>(LoanApprovalTaskNames.OpenStage, new StageRef(input.LoanId, stage));
                    continue;
                }

                var escalated = await context.CallActivityAsync<StageWait?>(LoanApprovalTaskNames.EscalateStage, new StageRef(input.LoanId, stage));
                if (escalated is null)
                {
                    await context.CallActivityAsync(LoanApprovalTaskNames.ExpireApplication, input.LoanId);
                    return LoanStatus.Expired;
                }

                logger.LogInformation("Loan {LoanId} stage {Stage} escalated to {Role}", input.LoanId, stage, escalated.Role);
                wait = escalated;
            }
        }

        return await context.CallActivityAsync<LoanStatus>(LoanApprovalTaskNames.CompleteApproval, input.LoanId);
    }

    /// <summary>What the API's write already applied (<see cref="PendingDecision.Applied"/>), where this instance's version takes it as applied; else null.</summary>
    private static DecisionOutcome? AppliedByTheApi(TaskOrchestrationContext context, PendingDecision decision) => decision.Applied switch
    {
        DecisionOutcome.StageApproved when context.CompareVersionTo(TakesAppliedApprovals) >= 0 => DecisionOutcome.StageApproved,
        DecisionOutcome.Rejected or DecisionOutcome.Cancelled when context.CompareVersionTo(TakesAppliedOutcomes) >= 0 => decision.Applied,
        _ => null,
    };

    private static Task<PendingDecision?> FindRecordedAsync(TaskOrchestrationContext context, string loanId, int stage, StageWait wait) =>
        context.CallActivityAsync<PendingDecision?>(LoanApprovalTaskNames.FindRecordedDecision, new WaitRef(loanId, stage, wait.WaitRound));
}
