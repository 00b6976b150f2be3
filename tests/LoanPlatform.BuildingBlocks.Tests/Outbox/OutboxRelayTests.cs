using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>
/// The write path publishing in the background: a write returns before its events are out, they go out and leave the
/// document after, a shutdown finishes what is under way, and a write during the shutdown is left to the sweeper.
/// </summary>
public sealed class OutboxRelayTests : IAsyncLifetime
{
    private OutboxHost _host = null!;

    private IDocumentStore<Account> Accounts => _host.Services.GetRequiredService<IDocumentStore<Account>>();

    private AggregateStore<Account> Store => _host.Services.GetRequiredService<AggregateStore<Account>>();

    private RecordingPublisher Publisher => _host.Services.GetServices<IOutboxPublisher>().OfType<RecordingPublisher>().Single();

    public async Task InitializeAsync() => _host = await OutboxHost.StartAsync(publishing: OutboxPublishing.InTheBackground);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_write_returns_before_its_events_are_published_and_they_leave_the_document_after()
    {
        await Accounts.CreateAsync("acc-1", "acc-1", new Account("acc-1", 10));
        var (publishing, release) = HoldNextDelivery();
        var deposited = OutboxEvent.Create("Deposited", 1, "acc-1", new { amount = 5 }, DateTimeOffset.UtcNow);

        // Written in the foreground, this would wait for the held publisher and time out.
        var written = await Store.UpdateAsync("acc-1", "acc-1", account => (account with { Balance = 15 }).WithEvent(deposited)).WaitAsync(TimeSpan.FromSeconds(10));

        // The write has returned while its publisher is still held: the event waits in the document meanwhile.
        await publishing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(15, written!.Value.Balance);
        Assert.Empty(Publisher.Handled);
        Assert.True((await Accounts.FindAsync("acc-1", "acc-1"))!.Value.HasPendingEvents);

        release.SetResult();
        await Eventually.ArrivesAsync(async () => (await Accounts.FindAsync("acc-1", "acc-1"))!.Value.HasPendingEvents ? null : "cleared", TimeSpan.FromSeconds(10));
        Assert.Equal([deposited.EventId], Publisher.Handled);
    }

    [Fact]
    public async Task A_shutdown_finishes_the_publishes_under_way_and_leaves_a_later_write_to_the_sweeper()
    {
        await Accounts.CreateAsync("acc-2", "acc-2", new Account("acc-2", 10));
        var (publishing, release) = HoldNextDelivery();
        var first = OutboxEvent.Create("Deposited", 1, "acc-2", new { amount = 5 }, DateTimeOffset.UtcNow);
        await Store.UpdateAsync("acc-2", "acc-2", account => (account with { Balance = 15 }).WithEvent(first));
        await publishing.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = _host.StopAsync();
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted, "the shutdown waits for the publish under way");
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([first.EventId], Publisher.Handled);
        Assert.False((await Accounts.FindAsync("acc-2", "acc-2"))!.Value.HasPendingEvents);

        var second = OutboxEvent.Create("Deposited", 1, "acc-2", new { amount = 1 }, DateTimeOffset.UtcNow);
        await Store.UpdateAsync("acc-2", "acc-2", account => (account with { Balance = 16 }).WithEvent(second));
        await Task.Delay(200);
        Assert.Equal([second.EventId], (await Accounts.FindAsync("acc-2", "acc-2"))!.Value.PendingEvents.Select(e => e.EventId));

        Assert.Equal(1, await _host.Services.GetRequiredService<OutboxSweeper<Account>>().SweepAsync(default));
        Assert.Equal([first.EventId, second.EventId], Publisher.Handled);
    }

    /// <summary>Holds the publisher's next delivery: the first task completes when it starts, the source lets it go on.</summary>
    private (Task Publishing, TaskCompletionSource Release) HoldNextDelivery()
    {
        var publishing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Publisher.DuringNextDelivery = async () =>
        {
            publishing.SetResult();
            await release.Task;
        };
        return (publishing.Task, release);
    }
}
