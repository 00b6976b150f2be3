using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace LoanPlatform.LocalHost.Durable;

/// <summary>
/// The backend as the sidecar sees it, with two things added. Width: the in-memory backend as shipped allows one work
/// item per processor, and the sidecar's dispatcher sleeps 500 ms whenever that cap is reached (on two cores about one
/// loan a second), so the cap is raised. Draining, for a clean stop: <see cref="DrainAsync"/> stops handing out work
/// (one locked by a poll already under way is handed back to the backend) and waits for the work items already handed
/// out to come back, so the worker can then stop with nothing in flight instead of cancelling its own completion calls.
/// A work item counts as back only when the backend has finished with it: an orchestration's after its release (the
/// sidecar's dispatcher completes, then releases it), an activity's after its completion was stored. Counting it back
/// when the call began let the stop go ahead while Azure Storage was still writing, and the sidecar's release or the
/// worker's completion call then failed on the stopped host. Everything else is delegated unchanged.
/// </summary>
/// <remarks>Both backends (in memory, Azure Storage) implement the service, its client, query and purge halves.</remarks>
public sealed class LocalOrchestrationService(IOrchestrationService inner, int maxConcurrentWorkItems)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    // Cast when used: both backends implement every half, and a test of the drain needs only the service half.
    private IOrchestrationServiceClient Client => (IOrchestrationServiceClient)inner;
    private IOrchestrationServiceQueryClient Query => (IOrchestrationServiceQueryClient)inner;
    private IOrchestrationServicePurgeClient Purge => (IOrchestrationServicePurgeClient)inner;

    private static readonly TimeSpan IdleWhileDraining = TimeSpan.FromMilliseconds(200);

    // The sidecar answers the worker's completion call before it stores the result; on a starved machine that answer
    // can still be on its way to the worker when the last work item is back, and a worker stopped then cancels the call.
    private static readonly TimeSpan SettleAfterLastWorkItem = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<object, byte> _inFlight = new(ReferenceEqualityComparer.Instance);
    private volatile bool _draining;
    private Task? _stopped;

    public int MaxConcurrentTaskOrchestrationWorkItems => maxConcurrentWorkItems;

    public int MaxConcurrentTaskActivityWorkItems => maxConcurrentWorkItems;

    /// <summary>Hands out no more work and waits (up to <paramref name="timeout"/>) until what was handed out is finished.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        _draining = true;
        var deadline = DateTime.UtcNow + timeout;
        var emptySince = (DateTime?)null;
        while (DateTime.UtcNow < deadline)
        {
            if (!_inFlight.IsEmpty)
            {
                emptySince = null;
            }
            else if ((emptySince ??= DateTime.UtcNow) + SettleAfterLastWorkItem <= DateTime.UtcNow)
            {
                return true;
            }

            await Task.Delay(20);
        }

        return _inFlight.IsEmpty;
    }

    private async Task<T> HandOutAsync<T>(Func<Task<T>> lockNext, Func<T, Task> handBack, CancellationToken cancellationToken)
        where T : class
    {
        if (_draining)
        {
            // Nothing more for a stopping worker; the delay keeps the dispatcher from spinning on the empty answer.
            await Task.Delay(IdleWhileDraining, cancellationToken);
            return null!;
        }

        var workItem = await lockNext();
        if (workItem is null)
        {
            return null!;
        }

        _inFlight.TryAdd(workItem, 0);
        if (_draining)
        {
            // Locked by a poll that began before the drain: the worker may already be gone, so the sidecar would fail
            // to dispatch it. It goes back to the backend, to be done at the next start.
            await handBack(workItem);
            return null!;
        }

        return workItem;
    }

    private async Task HandBackAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
        }
        finally
        {
            // As the dispatcher does after any work item: the session lock goes too.
            await ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }
    }

    private async Task Finished(object workItem, Task done)
    {
        try
        {
            await done;
        }
        finally
        {
            _inFlight.TryRemove(workItem, out _);
        }
    }

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public Task StartAsync() => inner.StartAsync();

    /// <summary>
    /// Stops the backend once, forced. The sidecar stops it when its host stops and the engine again when it is disposed;
    /// a second stop of the Azure Storage backend throws on a disposed token on the thread pool and kills the process.
    /// Forced: a graceful drain waits for sessions the already-stopped worker will never finish.
    /// </summary>
    public Task StopAsync(bool isForced)
    {
        lock (_inFlight)
        {
            return _stopped ??= inner.StopAsync(isForced: true);
        }
    }

    public Task StopAsync() => StopAsync(isForced: true);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        HandOutAsync(() => inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken), HandBackAsync, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => Finished(workItem, inner.ReleaseTaskOrchestrationWorkItemAsync(workItem));

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        HandOutAsync(() => inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken), AbandonTaskActivityWorkItemAsync, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => Finished(workItem, inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage));

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => Finished(workItem, inner.AbandonTaskActivityWorkItemAsync(workItem));

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => Client.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) => Client.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => Client.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => Client.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        Client.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => Client.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => Client.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => Client.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => Client.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        Client.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        Query.GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => Purge.PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => Purge.PurgeInstanceStateAsync(purgeInstanceFilter);
}
