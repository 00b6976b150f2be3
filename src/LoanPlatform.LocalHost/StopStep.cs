namespace LoanPlatform.LocalHost;

/// <summary>A step of the local platform's ordered stop that is not a part of its own (e.g. draining the engine).</summary>
public sealed class StopStep(Func<Task> step) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await step();
}
