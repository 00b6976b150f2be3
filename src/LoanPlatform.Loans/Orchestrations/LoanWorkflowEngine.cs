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
    /// <summary>Starts the loan's orchestration, stamped with the host's default version (host.json's defaultVersion in Azure).</summary>
    public Task StartAsync(string loanId, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            LoanApprovalTaskNames.Orchestration,
            new LoanApprovalInput(loanId),
            new StartOrchestrationOptions { InstanceId = loanId },
            cancellationToken);

    /// <summary>
    /// Makes sure an open loan has a live orchestration: starts one when there is none, or when the one there ended
    /// (failed, terminated, or completed while the loan stayed open) — its history is purged first, and the new one
    /// continues from the stage the loan records. True when it started one.
    /// </summary>
    public async Task<bool> EnsureRunningAsync(string loanId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(loanId, getInputsAndOutputs: false, cancellationToken);
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            return false;
        }

        if (instance is not null)
        {
            await client.PurgeInstanceAsync(loanId, cancellation: cancellationToken);
        }

        await StartAsync(loanId, cancellationToken);
        return true;
    }

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
