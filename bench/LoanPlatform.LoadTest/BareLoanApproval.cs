using Microsoft.DurableTask;

namespace LoanPlatform.LoadTest;

/// <summary>
/// The loan approval's shape on the bare engine: the same activity calls of a one-stage approval (score, open the stage,
/// look for a recorded decision, apply it, complete) around the same race of a decision event against an SLA timer, with
/// activities that do nothing. What the engine alone costs per lifecycle on this machine.
/// </summary>
public static class BareLoanApproval
{
    public const string Orchestration = "BareLoanApproval";
    public const string DecisionEvent = "decision-s0-r0";
    private const string Activity = "BareActivity";

    public static DurableTaskRegistry AddBareLoanApproval(this DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>(Activity, (_, loanId) => loanId)
        .AddOrchestratorFunc<string, string>(Orchestration, async (context, loanId) =>
        {
            await context.CallActivityAsync<string>(Activity, loanId); // score
            await context.CallActivityAsync<string>(Activity, loanId); // open stage 0
            await context.CallActivityAsync<string>(Activity, loanId); // a decision recorded on the loan?
            using var timerCancellation = new CancellationTokenSource();
            var decision = context.WaitForExternalEvent<string>(DecisionEvent);
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddHours(24), timerCancellation.Token);
            if (await Task.WhenAny(decision, timer) == decision)
            {
                timerCancellation.Cancel();
            }

            await context.CallActivityAsync<string>(Activity, loanId); // apply the decision
            return await context.CallActivityAsync<string>(Activity, loanId); // complete
        });
}
