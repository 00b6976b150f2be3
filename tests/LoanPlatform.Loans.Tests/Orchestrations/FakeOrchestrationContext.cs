using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoanPlatform.Loans.Tests.Orchestrations;

/// <summary>
/// A <see cref="TaskOrchestrationContext"/> without an engine, as the durabletask-dotnet samples unit-test orchestrators:
/// activities answer from the test's handlers, an external event completes at once when the test queued one under its
/// name, and a timer fires as soon as nothing else does (it is awaited after the event, so a queued event always wins).
/// Everything the orchestrator asks is recorded, in order, for the test to assert on.
/// </summary>
public sealed class FakeOrchestrationContext(string instanceId, string version) : TaskOrchestrationContext
{
    private readonly Dictionary<string, Func<object?, object?>> _activities = [];
    private readonly Dictionary<string, Queue<object>> _events = [];

    /// <summary>Each step in order: "activity Name", "event name", "timer iso-time", "status …".</summary>
    public List<string> Steps { get; } = [];

    public List<(string Name, object? Input)> ActivityCalls { get; } = [];

    public object? CustomStatus { get; private set; }

    public override TaskName Name => "LoanApprovalOrchestration";

    public override string InstanceId => instanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime { get; } = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    public override bool IsReplaying => false;

    public override string Version => version;

    public override TaskOrchestrationEntityFeature Entities => throw new NotSupportedException();

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>What activity <paramref name="name"/> answers, from its input.</summary>
    public FakeOrchestrationContext OnActivity<TInput>(string name, Func<TInput, object?> answer)
    {
        _activities[name] = input => answer((TInput)input!);
        return this;
    }

    /// <summary>An event that arrives as soon as the orchestrator waits for <paramref name="name"/>.</summary>
    public FakeOrchestrationContext Raise(string name, object payload)
    {
        if (!_events.TryGetValue(name, out var queue))
        {
            _events[name] = queue = new Queue<object>();
        }

        queue.Enqueue(payload);
        return this;
    }

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        Steps.Add($"activity {name.Name}");
        ActivityCalls.Add((name.Name, input));
        var answer = _activities.TryGetValue(name.Name, out var handler)
            ? handler(input)
            : throw new InvalidOperationException($"The test gave activity {name.Name} no answer.");
        return Task.FromResult((TResult)answer!);
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        Steps.Add($"event {eventName}");
        return _events.TryGetValue(eventName, out var queue) && queue.Count > 0
            ? Task.FromResult((T)queue.Dequeue())
            : new TaskCompletionSource<T>().Task;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Steps.Add($"timer {fireAt:O}");
        return Task.CompletedTask;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        CustomStatus = customStatus;
    }

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => throw new NotSupportedException();

    public override T? GetInput<T>() where T : default => throw new NotSupportedException();
}
