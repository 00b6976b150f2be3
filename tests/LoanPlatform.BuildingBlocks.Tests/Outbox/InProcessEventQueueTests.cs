using System.Text.Json;
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
        var handedOver = Event("loan-1");
        using (var crashed = new InProcessEventQueue(_spool))
        {
            await crashed.PublishAsync(handedOver, CancellationToken.None);
        }

        // The process died with the event still in its memory; the next start reads the logs, as another process can.
        Assert.Equal([handedOver.EventId], InProcessEventQueue.PendingIn(_spool).Select(e => e.EventId));
        using (var restarted = new InProcessEventQueue(_spool))
        {
            Assert.True(restarted.Reader.TryRead(out var again));
            Assert.Equal(handedOver.EventId, again!.EventId);
            Assert.Equal(handedOver.Payload.GetRawText(), again.Payload.GetRawText());
            restarted.Complete(again);
        }

        Assert.Empty(InProcessEventQueue.PendingIn(_spool));
        using var third = new InProcessEventQueue(_spool);
        Assert.False(third.Reader.TryRead(out _));
    }

    [Fact]
    public async Task An_event_published_again_while_still_queued_is_queued_once()
    {
        using var queue = new InProcessEventQueue(_spool);
        var outboxEvent = Event("loan-1");

        await queue.PublishAsync(outboxEvent, CancellationToken.None);
        await queue.PublishAsync(outboxEvent, CancellationToken.None);

        Assert.Equal(1, queue.Pending);
        Assert.True(queue.Reader.TryRead(out _));
        Assert.False(queue.Reader.TryRead(out _));
    }

    [Fact]
    public async Task An_event_published_again_after_it_was_completed_is_delivered_again_also_after_a_restart()
    {
        // What the sweeper does when a crash came between publishing an event and removing it from its document.
        var outboxEvent = Event("loan-1");
        var other = Event("loan-2");
        using (var queue = new InProcessEventQueue(_spool))
        {
            await queue.PublishAsync(other, CancellationToken.None);
            await queue.PublishAsync(outboxEvent, CancellationToken.None);
            Assert.True(queue.Reader.TryRead(out _));
            Assert.True(queue.Reader.TryRead(out var first));
            queue.Complete(first!);
            await queue.PublishAsync(outboxEvent, CancellationToken.None);
            Assert.True(queue.Reader.TryRead(out var second));
            Assert.Equal(outboxEvent.EventId, second!.EventId);
        }

        Assert.Equal([other.EventId, outboxEvent.EventId], InProcessEventQueue.PendingIn(_spool).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_line_a_crash_cut_short_is_left_out_by_the_next_start_and_the_event_can_be_published_again()
    {
        var whole = Event("loan-1");
        var torn = Event("loan-2");
        using (var queue = new InProcessEventQueue(_spool))
        {
            await queue.PublishAsync(whole, CancellationToken.None);
            await queue.PublishAsync(torn, CancellationToken.None);
        }

        var log = Path.Combine(_spool, "events.log");
        var tornLength = JsonSerializer.SerializeToUtf8Bytes(torn, new JsonSerializerOptions(JsonSerializerDefaults.Web)).Length;
        using (var file = File.OpenHandle(log, FileMode.Open, FileAccess.Write))
        {
            RandomAccess.SetLength(file, RandomAccess.GetLength(file) - tornLength / 2);
        }

        using var restarted = new InProcessEventQueue(_spool);

        Assert.True(restarted.Reader.TryRead(out var queued));
        Assert.Equal(whole.EventId, queued!.EventId);
        Assert.False(restarted.Reader.TryRead(out _));
        Assert.Equal(1, restarted.Pending);
        // Its publisher never heard it was queued, so its outbox hands it over again.
        await restarted.PublishAsync(torn, CancellationToken.None);
        Assert.True(restarted.Reader.TryRead(out var again));
        Assert.Equal(torn.EventId, again!.EventId);
        Assert.Equal([whole.EventId, torn.EventId], InProcessEventQueue.PendingIn(_spool).Select(e => e.EventId));
    }

    [Fact]
    public async Task Once_every_event_is_completed_both_logs_start_over()
    {
        using var queue = new InProcessEventQueue(_spool);
        foreach (var subject in new[] { "loan-1", "loan-2", "loan-3" })
        {
            await queue.PublishAsync(Event(subject), CancellationToken.None);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.True(queue.Reader.TryRead(out var delivered));
            Assert.True(new FileInfo(Path.Combine(_spool, "events.log")).Length > 0);
            queue.Complete(delivered!);
        }

        Assert.Equal(0, new FileInfo(Path.Combine(_spool, "events.log")).Length);
        Assert.Equal(0, new FileInfo(Path.Combine(_spool, "done.log")).Length);
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public void Events_the_earlier_release_left_one_file_each_are_queued_and_their_files_removed()
    {
        var left = Event("loan-1");
        Directory.CreateDirectory(_spool);
        File.WriteAllBytes(Path.Combine(_spool, "0123456789abcdef0123456789abcdef.json"), JsonSerializer.SerializeToUtf8Bytes(left, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        using var queue = new InProcessEventQueue(_spool);

        Assert.True(queue.Reader.TryRead(out var queued));
        Assert.Equal(left.EventId, queued!.EventId);
        Assert.Empty(Directory.EnumerateFiles(_spool, "*.json"));
        Assert.Equal([left.EventId], InProcessEventQueue.PendingIn(_spool).Select(e => e.EventId));
    }

    [Fact]
    public async Task Completions_out_of_order_while_publishers_append_leave_exactly_the_uncompleted_events_for_the_next_start()
    {
        var events = Enumerable.Range(0, 800).Select(i => Event($"loan-{i}")).ToArray();
        var completed = new System.Collections.Concurrent.ConcurrentBag<string>();
        using (var queue = new InProcessEventQueue(_spool))
        {
            var publishing = Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (outboxEvent, token) => await queue.PublishAsync(outboxEvent, token));
            // Four consumers complete every other event they read, while the publishers are still appending.
            var consuming = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                var read = 0;
                while (!publishing.IsCompleted || queue.Reader.Count > 0)
                {
                    if (!queue.Reader.TryRead(out var delivered))
                    {
                        await Task.Yield();
                    }
                    else if (read++ % 2 == 0)
                    {
                        queue.Complete(delivered);
                        completed.Add(delivered.EventId);
                    }
                }
            })).ToArray();
            await publishing;
            await Task.WhenAll(consuming);
            Assert.InRange(completed.Count, 1, events.Length - 1);
            Assert.Equal(events.Length - completed.Count, queue.Pending);
        }

        var expected = events.Select(e => e.EventId).Except(completed).Order(StringComparer.Ordinal);
        Assert.Equal(expected, InProcessEventQueue.PendingIn(_spool).Select(e => e.EventId).Order(StringComparer.Ordinal));
        using var restarted = new InProcessEventQueue(_spool);
        Assert.Equal(events.Length - completed.Count, restarted.Pending);
    }

    private static OutboxEvent Event(string loanId) =>
        OutboxEvent.Create("LoanApproved", 1, loanId, new { applicantId = "user-" + loanId }, DateTimeOffset.UtcNow);

    public void Dispose() => Directory.Delete(_spool, recursive: true);
}
