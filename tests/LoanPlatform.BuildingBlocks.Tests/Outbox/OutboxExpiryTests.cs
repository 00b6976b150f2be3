using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.BuildingBlocks.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>Publishing a document's events must not make an expiring document (a refresh session) live for ever.</summary>
public sealed class OutboxExpiryTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loanplatform-outbox-expiry-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Path"] = _folder });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.AddDocumentStore(DocumentStoreHost.ServiceName);
        builder.Services.AddDocumentType<Account>("account");
        builder.AddOutbox<Account>();
        builder.Services.AddEventDeduplication();
        builder.Services.AddSingleton<IOutboxPublisher, RecordingPublisher>();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

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
