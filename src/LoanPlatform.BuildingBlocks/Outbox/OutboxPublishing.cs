namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>When an aggregate's write path (<see cref="AggregateStore{T}"/>) publishes the events a write stored.</summary>
public enum OutboxPublishing
{
    /// <summary>Before the write returns: its caller knows the events are out (or left for the sweeper).</summary>
    AfterTheWrite,

    /// <summary>
    /// Through the <see cref="OutboxRelay"/> once the write has returned: for an aggregate whose writers answer someone
    /// waiting (a request, an orchestration's activity) and whose publishers do better taking writes together.
    /// </summary>
    InTheBackground,
}
