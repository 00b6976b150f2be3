using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>The outbox on the embedded store: a state change and its event in one write, published at least once, handled once.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private OutboxHost _host = null!;

    private IDocumentStore<Account> Accounts => _host.Services.GetRequiredService<IDocumentStore<Account>>();

    private RecordingPublisher Publisher => _host.Services.GetServices<IOutboxPublisher>().OfType<RecordingPublisher>().Single();

    private OutboxSweeper<Account> Sweeper => _host.Services.GetRequiredService<OutboxSweeper<Account>>();

    public async Task InitializeAsync() => _host = await OutboxHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_event_committed_with_its_state_goes_out_once_after_a_crash_before_publishing()
    {
        // The write: state and event in one document. The "crash": the dispatcher that follows the commit never runs.
        var opened = await CommitWithEventAsync("acc-1");

        Assert.Equal(1, await Sweeper.SweepAsync(default));
        Assert.Equal(0, await Sweeper.SweepAsync(default));

        Assert.Equal([opened.EventId], Publisher.Deliveries.Select(e => e.EventId));
        var stored = await Accounts.FindAsync("acc-1", "acc-1");
        Assert.False(stored!.Value.HasPendingEvents);
        Assert.Equal(100, stored.Value.Balance);
    }

    [Fact]
    public async Task Concurrent_sweeps_and_the_dispatcher_deliver_duplicates_that_the_consumer_handles_once()
    {
        var opened = await CommitWithEventAsync("acc-2");
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher<Account>>();

        await Task.WhenAll(Sweeper.SweepAsync(default), Sweeper.SweepAsync(default), dispatcher.DispatchAsync("acc-2", "acc-2"));
        await Sweeper.SweepAsync(default);

        Assert.NotEmpty(Publisher.Deliveries);
        Assert.Equal([opened.EventId], Publisher.Handled);
        Assert.False((await Accounts.FindAsync("acc-2", "acc-2"))!.Value.HasPendingEvents);
    }

    [Fact]
    public async Task A_failed_publish_leaves_the_event_pending_for_the_next_sweep()
    {
        Publisher.FailuresLeft = 1;
        var opened = await CommitWithEventAsync("acc-3");
        var dispatcher = _host.Services.GetRequiredService<OutboxDispatcher<Account>>();

        Assert.Equal(0, await dispatcher.DispatchAsync("acc-3", "acc-3"));
        Assert.True((await Accounts.FindAsync("acc-3", "acc-3"))!.Value.HasPendingEvents);

        Assert.Equal(1, await Sweeper.SweepAsync(default));
        Assert.Equal([opened.EventId], Publisher.Handled);
    }

    [Fact]
    public async Task Removing_published_events_keeps_events_added_meanwhile()
    {
        var first = await CommitWithEventAsync("acc-4");
        var stored = await Accounts.FindAsync("acc-4", "acc-4");
        var second = OutboxEvent.Create("Deposited", 1, "acc-4", new { amount = 5 }, DateTimeOffset.UtcNow);

        // A second change commits another event while the dispatcher is publishing the first.
        Publisher.DuringNextDelivery = () => Accounts.ReplaceAsync("acc-4", "acc-4", stored!.Value with { Balance = 105, PendingEvents = [.. stored.Value.PendingEvents, second] }, stored.ETag);
        await _host.Services.GetRequiredService<OutboxDispatcher<Account>>().DispatchAsync("acc-4", "acc-4");
        Assert.Equal([second.EventId], (await Accounts.FindAsync("acc-4", "acc-4"))!.Value.PendingEvents.Select(e => e.EventId));
        await Sweeper.SweepAsync(default);

        Assert.Equal([first.EventId, second.EventId], Publisher.Handled.Distinct());
        Assert.Equal(105, (await Accounts.FindAsync("acc-4", "acc-4"))!.Value.Balance);
    }

    [Fact]
    public async Task A_publisher_that_takes_events_together_gets_a_documents_events_in_one_call_and_its_failure_leaves_them_all_pending()
    {
        var opened = await CommitWithEventAsync("acc-5");
        var stored = (await Accounts.FindAsync("acc-5", "acc-5"))!;
        var deposited = OutboxEvent.Create("Deposited", 1, "acc-5", new { amount = 5 }, DateTimeOffset.UtcNow);
        await Accounts.ReplaceAsync("acc-5", "acc-5", stored.Value with { PendingEvents = [opened, deposited] }, stored.ETag);
        var together = new TogetherPublisher { Failing = true };
        var dispatcher = new OutboxDispatcher<Account>(Accounts, [together, Publisher], TimeProvider.System, NullLogger<OutboxDispatcher<Account>>.Instance);

        Assert.Equal(0, await dispatcher.DispatchAsync("acc-5", "acc-5"));
        Assert.Empty(Publisher.Deliveries);
        Assert.Equal(2, (await Accounts.FindAsync("acc-5", "acc-5"))!.Value.PendingEvents.Count);

        together.Failing = false;
        Assert.Equal(2, await dispatcher.DispatchAsync("acc-5", "acc-5"));
        Assert.Equal([[opened.EventId, deposited.EventId]], together.Calls);
        Assert.Equal([opened.EventId, deposited.EventId], Publisher.Handled);
        Assert.False((await Accounts.FindAsync("acc-5", "acc-5"))!.Value.HasPendingEvents);
    }

    private async Task<OutboxEvent> CommitWithEventAsync(string id)
    {
        var opened = OutboxEvent.Create("AccountOpened", 1, id, new { accountId = id }, DateTimeOffset.UtcNow);
        await Accounts.CreateAsync(id, id, new Account(id, 100) { PendingEvents = [opened] });
        return opened;
    }

    /// <summary>Takes a document's events in one call (as the audit trail does), or refuses them all.</summary>
    private sealed class TogetherPublisher : IOutboxBatchPublisher
    {
        public bool Failing { get; set; }

        public List<string[]> Calls { get; } = [];

        public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken) => PublishManyAsync([outboxEvent], cancellationToken);

        public Task PublishManyAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new IOException("The trail is unreachable.");
            }

            Calls.Add([.. events.Select(e => e.EventId)]);
            return Task.CompletedTask;
        }
    }
}
