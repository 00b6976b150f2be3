using DurableTask.Core;
using LoanPlatform.LocalHost.Durable;

namespace LoanPlatform.EndToEnd.Tests.Durable;

/// <summary>
/// The clean stop's first step: the engine's drain must not report the backend idle while it is still storing a result,
/// or the worker and the sidecar are stopped under a write in flight (the Azure Storage profile's errors at a stop).
/// The backend here holds its writes at a gate: Azure Storage's tens of milliseconds per write cannot be held open
/// otherwise.
/// </summary>
public sealed class DurableDrainTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task An_orchestration_work_item_is_back_only_once_its_result_is_stored_and_it_is_released()
    {
        var backend = new GatedBackend();
        var engine = new LocalOrchestrationService(backend, maxConcurrentWorkItems: 4);
        backend.Orchestrations.Enqueue(new TaskOrchestrationWorkItem { InstanceId = "loan-1" });
        var workItem = await engine.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.Zero, CancellationToken.None);

        var completing = engine.CompleteTaskOrchestrationWorkItemAsync(workItem, null!, [], [], [], null!, null!);
        var drain = engine.DrainAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(Patience);
        Assert.False(drain.IsCompleted, "The drain ended while the result was still being stored.");

        backend.Writes.SetResult();
        await completing;
        await Task.Delay(Patience);
        Assert.False(drain.IsCompleted, "The drain ended before the work item was released.");

        await engine.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        Assert.True(await drain.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_activity_work_item_is_back_once_its_result_is_stored()
    {
        var backend = new GatedBackend();
        var engine = new LocalOrchestrationService(backend, maxConcurrentWorkItems: 4);
        backend.Activities.Enqueue(new TaskActivityWorkItem { Id = "activity-1" });
        var workItem = await engine.LockNextTaskActivityWorkItem(TimeSpan.Zero, CancellationToken.None);

        var completing = engine.CompleteTaskActivityWorkItemAsync(workItem, null!);
        var drain = engine.DrainAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(Patience);
        Assert.False(drain.IsCompleted, "The drain ended while the activity's result was still being stored.");

        backend.Writes.SetResult();
        await completing;
        Assert.True(await drain.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_work_item_locked_by_a_poll_begun_before_the_drain_goes_back_to_the_backend()
    {
        var backend = new GatedBackend();
        var engine = new LocalOrchestrationService(backend, maxConcurrentWorkItems: 4);
        var polling = engine.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        var drain = engine.DrainAsync(TimeSpan.FromSeconds(10));
        var late = new TaskOrchestrationWorkItem { InstanceId = "loan-2" };
        backend.Orchestrations.Enqueue(late);
        backend.Writes.SetResult();
        backend.Polls.SetResult();

        Assert.Null(await polling);
        Assert.True(await drain.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(["abandon loan-2", "release loan-2"], backend.Calls);
    }

    /// <summary>Hands out what a test queues; polls wait for <see cref="Polls"/> when nothing is queued, writes for <see cref="Writes"/>.</summary>
    private sealed class GatedBackend : IOrchestrationService
    {
        public Queue<TaskOrchestrationWorkItem> Orchestrations { get; } = new();

        public Queue<TaskActivityWorkItem> Activities { get; } = new();

        public TaskCompletionSource Writes { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Polls { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Calls { get; } = [];

        public int TaskOrchestrationDispatcherCount => 1;

        public int MaxConcurrentTaskOrchestrationWorkItems => 4;

        public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

        public int TaskActivityDispatcherCount => 1;

        public int MaxConcurrentTaskActivityWorkItems => 4;

        public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
        {
            if (Orchestrations.Count == 0)
            {
                await Polls.Task;
            }

            return Orchestrations.TryDequeue(out var workItem) ? workItem : null!;
        }

        public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
            Task.FromResult(Activities.TryDequeue(out var workItem) ? workItem : null!);

        public async Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState) =>
            await Writes.Task;

        public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
        {
            await Writes.Task;
            Calls.Add($"abandon {workItem.InstanceId}");
        }

        public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
        {
            Calls.Add($"release {workItem.InstanceId}");
            return Task.CompletedTask;
        }

        public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => await Writes.Task;

        public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => await Writes.Task;

        public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Task.CompletedTask;

        public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => Task.FromResult(workItem);

        public Task StartAsync() => Task.CompletedTask;

        public Task StopAsync() => Task.CompletedTask;

        public Task StopAsync(bool isForced) => Task.CompletedTask;

        public Task CreateAsync() => Task.CompletedTask;

        public Task CreateAsync(bool recreateInstanceStore) => Task.CompletedTask;

        public Task CreateIfNotExistsAsync() => Task.CompletedTask;

        public Task DeleteAsync() => Task.CompletedTask;

        public Task DeleteAsync(bool deleteInstanceStore) => Task.CompletedTask;

        public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

        public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 0;

        public int GetDelayInSecondsAfterOnFetchException(Exception exception) => 0;
    }
}
