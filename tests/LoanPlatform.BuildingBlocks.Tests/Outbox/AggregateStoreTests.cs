using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>The one write path on the embedded store: a lost race is re-decided on a fresh read, a refusal is not, events go out after the write.</summary>
public sealed class AggregateStoreTests : IAsyncLifetime
{
    private OutboxHost _host = null!;

    private IDocumentStore<Account> Accounts => _host.Services.GetRequiredService<IDocumentStore<Account>>();

    private RecordingPublisher Publisher => _host.Services.GetServices<IOutboxPublisher>().OfType<RecordingPublisher>().Single();

    public async Task InitializeAsync() => _host = await OutboxHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_write_that_lost_a_race_is_applied_again_to_a_fresh_read()
    {
        await Accounts.CreateAsync("acc-1", "acc-1", new Account("acc-1", 100));
        var seen = new List<long>();

        var written = await Store().UpdateAsync("acc-1", "acc-1", account =>
        {
            seen.Add(account.Balance);
            if (seen.Count == 1)
            {
                // Someone else's deposit commits between this read and this write.
                Deposit("acc-1", 50).GetAwaiter().GetResult();
            }

            return account with { Balance = account.Balance - 30 };
        });

        Assert.Equal([100, 150], seen);
        Assert.Equal(120, written!.Value.Balance);
        Assert.Equal(120, (await Accounts.FindAsync("acc-1", "acc-1"))!.Value.Balance);
    }

    [Fact]
    public async Task A_write_starting_from_a_document_the_caller_read_first_quotes_its_ETag_and_rereads_when_it_is_stale()
    {
        var read = await Accounts.CreateAsync("acc-7", "acc-7", new Account("acc-7", 100));
        await Deposit("acc-7", 50);
        var seen = new List<long>();

        var written = await Store().UpdateAsync(read, account =>
        {
            seen.Add(account.Balance);
            return account with { Balance = account.Balance - 30 };
        });

        Assert.Equal([100, 150], seen);
        Assert.Equal(120, written!.Value.Balance);
    }

    [Fact]
    public async Task A_refusal_of_the_change_is_not_retried_and_writes_nothing()
    {
        var created = await Accounts.CreateAsync("acc-2", "acc-2", new Account("acc-2", 10));
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store().UpdateAsync("acc-2", "acc-2", account =>
        {
            calls++;
            return account.Balance < 30 ? throw new InvalidOperationException("Insufficient funds.") : account with { Balance = account.Balance - 30 };
        }));

        Assert.Equal(1, calls);
        Assert.Equal(created.ETag, (await Accounts.FindAsync("acc-2", "acc-2"))!.ETag);
    }

    [Fact]
    public async Task The_events_a_change_stores_are_published_after_the_write_and_leave_the_document()
    {
        await Accounts.CreateAsync("acc-3", "acc-3", new Account("acc-3", 10));
        var deposited = OutboxEvent.Create("Deposited", 1, "acc-3", new { amount = 5 }, DateTimeOffset.UtcNow);
        Publisher.DuringNextDelivery = async () =>
            Assert.Equal(15, (await Accounts.FindAsync("acc-3", "acc-3"))!.Value.Balance);

        await Store().UpdateAsync("acc-3", "acc-3", account => (account with { Balance = 15 }).WithEvent(deposited));

        Assert.Equal([deposited.EventId], Publisher.Handled);
        Assert.False((await Accounts.FindAsync("acc-3", "acc-3"))!.Value.HasPendingEvents);
    }

    [Fact]
    public async Task A_change_that_keeps_losing_stops_at_the_policys_cap_with_a_clear_error()
    {
        await Accounts.CreateAsync("acc-4", "acc-4", new Account("acc-4", 0));
        var calls = 0;
        var store = Store(new WriteConflictPolicy(3, TimeSpan.Zero, TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<WriteConflictException>(() => store.UpdateAsync("acc-4", "acc-4", account =>
        {
            calls++;
            Deposit("acc-4", 1).GetAwaiter().GetResult();
            return account with { Balance = -1 };
        }));

        Assert.Equal((3, 3), (calls, error.Attempts));
        Assert.IsType<DocumentPreconditionFailedException>(error.InnerException);
        Assert.Contains("acc-4", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await Accounts.FindAsync("acc-4", "acc-4"))!.Value.Balance);
    }

    [Fact]
    public async Task A_change_that_returns_what_it_was_given_writes_nothing()
    {
        var created = await Accounts.CreateAsync("acc-5", "acc-5", new Account("acc-5", 10));

        var result = await Store().UpdateAsync("acc-5", "acc-5", account => account);

        Assert.Equal(created.ETag, result!.ETag);
        Assert.Null(await Store().UpdateAsync("missing", "missing", account => account with { Balance = 1 }));
    }

    [Fact]
    public async Task Writing_an_aggregate_that_is_not_there_creates_it_and_a_racing_create_is_decided_again()
    {
        var seen = new List<long?>();

        var written = await Store().WriteAsync("acc-6", "acc-6", account =>
        {
            seen.Add(account?.Balance);
            if (seen.Count == 1)
            {
                Accounts.CreateAsync("acc-6", "acc-6", new Account("acc-6", 40)).GetAwaiter().GetResult();
            }

            return (account ?? new Account("acc-6", 0)) with { Balance = (account?.Balance ?? 0) + 1 };
        });

        Assert.Equal([null, 40], seen);
        Assert.Equal(41, written!.Value.Balance);
    }

    private AggregateStore<Account> Store(WriteConflictPolicy? policy = null) =>
        policy is null
            ? _host.Services.GetRequiredService<AggregateStore<Account>>()
            : new AggregateStore<Account>(Accounts, _host.Services.GetRequiredService<OutboxDispatcher<Account>>(), TimeProvider.System, policy);

    private async Task Deposit(string id, long amount)
    {
        var current = (await Accounts.FindAsync(id, id))!;
        await Accounts.ReplaceAsync(id, id, current.Value with { Balance = current.Value.Balance + amount }, current.ETag);
    }
}
