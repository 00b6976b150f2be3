using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Outbox.Local;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>The local notifications queue keeps what it was handed until its consumer is done, across a new start.</summary>
public sealed class InProcessEventQueueTests : IDisposable
{
    private readonly string _spool = Path.Combine(Path.GetTempPath(), "queue-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_event_handed_over_before_a_crash_is_queued_again_by_the_next_start_until_it_is_completed()
    {
        var handedOver = OutboxEvent.Create("LoanApproved", 1, "loan-1", new { applicantId = "user-1" }, DateTimeOffset.UtcNow);
        await new InProcessEventQueue(_spool).PublishAsync(handedOver, CancellationToken.None);

        // The process died with the event still in its memory; the next start reads the spool.
        var restarted = new InProcessEventQueue(_spool);
        Assert.True(restarted.Reader.TryRead(out var again));
        Assert.Equal(handedOver.EventId, again!.EventId);
        Assert.Equal(handedOver.Payload.GetRawText(), again.Payload.GetRawText());

        restarted.Complete(again);
        Assert.False(new InProcessEventQueue(_spool).Reader.TryRead(out _));
    }

    [Fact]
    public async Task An_event_published_again_while_still_queued_is_queued_once()
    {
        var queue = new InProcessEventQueue(_spool);
        var outboxEvent = OutboxEvent.Create("LoanApproved", 1, "loan-1", new { applicantId = "user-1" }, DateTimeOffset.UtcNow);

        await queue.PublishAsync(outboxEvent, CancellationToken.None);
        await queue.PublishAsync(outboxEvent, CancellationToken.None);

        Assert.Equal(1, queue.Pending);
        Assert.True(queue.Reader.TryRead(out _));
        Assert.False(queue.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_spool_file_a_crash_cut_short_is_dropped_by_the_next_start_and_the_event_can_be_published_again()
    {
        var queue = new InProcessEventQueue(_spool);
        var whole = OutboxEvent.Create("LoanApproved", 1, "loan-1", new { applicantId = "user-1" }, DateTimeOffset.UtcNow);
        var torn = OutboxEvent.Create("LoanRejected", 1, "loan-2", new { applicantId = "user-2" }, DateTimeOffset.UtcNow);
        await queue.PublishAsync(whole, CancellationToken.None);
        await queue.PublishAsync(torn, CancellationToken.None);
        var tornFile = Directory.EnumerateFiles(_spool, "*.json").Single(path => File.ReadAllText(path).Contains("loan-2", StringComparison.Ordinal));
        File.WriteAllText(tornFile, File.ReadAllText(tornFile)[..20]);

        var restarted = new InProcessEventQueue(_spool);

        Assert.True(restarted.Reader.TryRead(out var queued));
        Assert.Equal(whole.EventId, queued!.EventId);
        Assert.False(restarted.Reader.TryRead(out _));
        Assert.Equal(1, restarted.Pending);
        // Its publisher never heard it was queued, so its outbox hands it over again.
        await restarted.PublishAsync(torn, CancellationToken.None);
        Assert.True(restarted.Reader.TryRead(out var again));
        Assert.Equal(torn.EventId, again!.EventId);
    }

    public void Dispose() => Directory.Delete(_spool, recursive: true);
}
