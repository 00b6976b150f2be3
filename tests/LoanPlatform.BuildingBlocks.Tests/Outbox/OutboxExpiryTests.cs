using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>Publishing a document's events must not make an expiring document (a refresh session) live for ever.</summary>
public sealed class OutboxExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private OutboxHost _host = null!;

    public async Task InitializeAsync() => _host = await OutboxHost.StartAsync(_time);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_document_that_expires_still_expires_after_its_events_are_published()
    {
        var accounts = _host.Services.GetRequiredService<IDocumentStore<Account>>();
        var now = _time.GetUtcNow();
        var account = new Account("acc-ttl", 10)
        {
            ExpiresAt = now.AddHours(1),
            PendingEvents = [OutboxEvent.Create("AccountOpened", 1, "acc-ttl", new { id = "acc-ttl" }, now)],
        };
        await accounts.CreateAsync("acc-ttl", "acc-ttl", account, new DocumentWriteOptions(TimeSpan.FromHours(1)));

        Assert.Equal(1, await _host.Services.GetRequiredService<OutboxDispatcher<Account>>().DispatchAsync("acc-ttl", "acc-ttl"));
        Assert.False((await accounts.FindAsync("acc-ttl", "acc-ttl"))!.Value.HasPendingEvents);

        _time.Advance(TimeSpan.FromHours(2));
        Assert.Null(await accounts.FindAsync("acc-ttl", "acc-ttl"));
    }
}
