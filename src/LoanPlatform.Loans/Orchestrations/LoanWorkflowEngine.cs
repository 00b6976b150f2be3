using LoanPlatform.Loans.Model;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LoanPlatform.Loans.Orchestrations;

/// <summary>
/// How the API talks to the approval orchestration. Wraps a DurableTaskClient: the local host's comes from DI, the
/// Function app's from the [DurableClient] binding of each invocation.
/// </summary>
public sealed class LoanWorkflowEngine(DurableTaskClient client)
{
    public Task StartAsync(string loanId, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            LoanApprovalTaskNames.Orchestration,
            new LoanApprovalInput(loanId),
            new StartOrchestrationOptions { InstanceId = loanId },
            cancellationToken);

    /// <summary>True when the loan's instance exists and has not finished; events raised to anything else are silently dropped.</summary>
    public async Task<bool> IsWaitingAsync(string loanId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(loanId, getInputsAndOutputs: false, cancellationToken);
        return instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending };
    }

    public async Task<bool> ExistsAsync(string loanId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(loanId, getInputsAndOutputs: false, cancellationToken) is not null;

    public Task RaiseDecisionAsync(string loanId, PendingDecision decision, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(loanId, LoanApprovalTaskNames.DecisionEvent(decision.StageIndex, decision.WaitRound), decision, cancellationToken);
}
