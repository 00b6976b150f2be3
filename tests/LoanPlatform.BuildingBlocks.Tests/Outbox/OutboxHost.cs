using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.BuildingBlocks.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>
/// The <see cref="Account"/> aggregate with its outbox on a fresh embedded store in a temporary folder, publishing to a
/// <see cref="RecordingPublisher"/>; the sweeper takes events of any age.
/// </summary>
public sealed class OutboxHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _folder;

    private OutboxHost(IHost host, string folder)
    {
        _host = host;
        _folder = folder;
    }

    public IServiceProvider Services => _host.Services;

    /// <param name="time">A clock of the test's; the system clock when null.</param>
    /// <param name="publishing">When the write path publishes what a write stored.</param>
    public static async Task<OutboxHost> StartAsync(TimeProvider? time = null, OutboxPublishing publishing = OutboxPublishing.AfterTheWrite)
    {
        var folder = Directory.CreateTempSubdirectory("loanplatform-outbox-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Path"] = folder,
            ["Outbox:MinimumAge"] = "00:00:00",
        });
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddDocumentStore(DocumentStoreHost.ServiceName);
        builder.Services.AddDocumentType<Account>("account");
        builder.AddOutbox<Account>(publishing);
        builder.Services.AddEventDeduplication();
        builder.Services.AddSingleton<IOutboxPublisher, RecordingPublisher>();
        var host = builder.Build();
        await host.StartAsync();
        return new OutboxHost(host, folder);
    }

    /// <summary>Stops the host's services (as a shutdown does), leaving its store and publishers to look at.</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
