using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.EndToEnd.Tests.Upgrade;

/// <summary>
/// FROZEN: the approval orchestrator as released before orchestration versioning (main before issue #18), kept verbatim
/// so the upgrade test replays histories the released code really recorded. Never edit it to follow the current one.
/// <para>Its own description:</para>
/// One instance per loan (instance id = loan id): score, then each approval stage waits for a decision raced against
/// its SLA timer; a fired timer escalates once and then expires the application. An officer may refer the application
/// back to the applicant: the stage then waits for the answer (or expires), and resumes with a fresh SLA. Deterministic: time comes from the
/// context, every read and write goes through activities, and each activity is idempotent against the loan document,
/// so the same code can be started again from the store after the local engine restarts.
/// </summary>
[DurableTask(LoanApprovalTaskNames.Orchestration)]
public sealed class ReleasedLoanApprovalOrchestration : TaskOrchestrator<LoanApprovalInput, LoanStatus>
{
    public override async Task<LoanStatus> RunAsync(TaskOrchestrationContext context, LoanApprovalInput input)
    {
        var logger = context.CreateReplaySafeLogger<ReleasedLoanApprovalOrchestration>();
        var plan = await context.CallActivityAsync<ApprovalPlan>(LoanApprovalTaskNames.ScoreApplication, input.LoanId);
        if (plan.FinalStatus is { } ended)
        {
            return ended;
        }

        for (var stage = plan.CurrentStage; stage < plan.StageCount; stage++)
        {
            var wait = await context.CallActivityAsync<StageWait>(LoanApprovalTaskNames.OpenStage, new StageRef(input.LoanId, stage));
            while (true)
            {
                context.SetCustomStatus(wait);
                using var timerCancellation = new CancellationTokenSource();
                var decisionTask = context.WaitForExternalEvent<PendingDecision>(LoanApprovalTaskNames.DecisionEvent(stage, wait.WaitRound));
                var timerTask = context.CreateTimer(wait.Deadline.UtcDateTime, timerCancellation.Token);
                if (await Task.WhenAny(decisionTask, timerTask) == decisionTask)
                {
                    // Synchronous on purpose: CancelAsync would continue on the thread pool, outside the orchestrator's replay.
                    timerCancellation.Cancel();
                    var outcome = await context.CallActivityAsync<DecisionOutcome>(
                        LoanApprovalTaskNames.ApplyDecision, new ApplyDecisionInput(input.LoanId, await decisionTask));
                    logger.LogInformation("Loan {LoanId} stage {Stage}: decision outcome {Outcome}", input.LoanId, stage, outcome);
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
}
