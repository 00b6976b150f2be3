using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// Publishes what a write stored once the write has returned (<see cref="OutboxPublishing.InTheBackground"/>), so the
/// request or activity that wrote does not wait for the publishers, and a publisher may gather several writes' events
/// into one call (the audit trail's blocks). The events are already safe in the document: a publish that fails, or never
/// starts because the host is stopping, leaves them for the sweeper. On stop, the publishes under way are finished.
/// </summary>
public sealed class OutboxRelay(ILogger<OutboxRelay> logger) : IHostedService
{
    // One lock over what runs and whether the host stops: deciding to start a publish and a stop's look at what runs are
    // one step each, so a stop never misses one.
    private readonly Lock gate = new();
    private readonly HashSet<Task> running = [];
    private bool stopping;

    /// <summary>Runs <paramref name="publish"/> on the thread pool; not at all once the host is stopping.</summary>
    public void Publish(Func<Task> publish)
    {
        Task task;
        lock (gate)
        {
            if (stopping)
            {
                return;
            }

            task = Task.Run(async () =>
            {
                try
                {
                    await publish();
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Publishing a write's events failed; the sweeper will publish them");
                }
            });
            running.Add(task);
        }

        task.ContinueWith(
            done =>
            {
                lock (gate)
                {
                    running.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] underWay;
        lock (gate)
        {
            stopping = true;
            underWay = [.. running];
        }

        try
        {
            await Task.WhenAll(underWay).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of shutdown time: what is not published yet is still in its document, for the sweeper after the next start.
        }
    }
}
