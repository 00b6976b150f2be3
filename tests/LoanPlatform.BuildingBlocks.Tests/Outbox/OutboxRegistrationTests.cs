using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Outbox.Azure;
using LoanPlatform.BuildingBlocks.Outbox.Local;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.BuildingBlocks.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>A service with several aggregates registers their outboxes one by one, and still publishes each event to each place once.</summary>
public sealed class OutboxRegistrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loanplatform-outbox-registration-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Two_aggregates_outboxes_register_each_publisher_once_so_an_event_goes_to_each_once()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Path"] = _folder,
            ["Notifications:Queue:ServiceUri"] = "https://example.queue.core.windows.net",
        });
        builder.AddDocumentStore(DocumentStoreHost.ServiceName);
        builder.Services.AddDocumentType<Account>("account");
        builder.Services.AddDocumentType<Card>("card");
        builder.AddOutbox<Account>();
        builder.AddOutbox<Card>();
        using var host = builder.Build();

        // The dispatcher publishes to every registered publisher: one registration each is one delivery each.
        var publishers = host.Services.GetServices<IOutboxPublisher>().ToArray();
        Assert.Equal(2, publishers.Length);
        Assert.Single(publishers.OfType<LocalEventLog>());
        Assert.Single(publishers.OfType<StorageQueueEventPublisher>());
        Assert.NotNull(host.Services.GetRequiredService<OutboxDispatcher<Account>>());
        Assert.NotNull(host.Services.GetRequiredService<OutboxSweeper<Card>>());
    }
}
