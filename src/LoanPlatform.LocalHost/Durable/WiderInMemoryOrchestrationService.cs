using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Testing.Sidecar;

namespace LoanPlatform.LocalHost.Durable;

/// <summary>
/// The in-memory backend with more work in flight. As shipped it allows one work item per processor, and the sidecar's
/// dispatcher sleeps 500 ms whenever that cap is reached: on two cores that was about one loan a second. Everything
/// else is delegated unchanged.
/// </summary>
public sealed class WiderInMemoryOrchestrationService(InMemoryOrchestrationService inner, int maxConcurrentWorkItems)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    public int MaxConcurrentTaskOrchestrationWorkItems => maxConcurrentWorkItems;

    public int MaxConcurrentTaskActivityWorkItems => maxConcurrentWorkItems;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

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

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => inner.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) => inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => inner.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => inner.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => inner.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        inner.GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => inner.PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => inner.PurgeInstanceStateAsync(purgeInstanceFilter);
}
