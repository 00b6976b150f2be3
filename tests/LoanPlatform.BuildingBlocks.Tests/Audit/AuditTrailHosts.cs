namespace LoanPlatform.BuildingBlocks.Tests.Audit;

/// <summary>The hosts a test starts on one data folder of its own, stopped and removed with it.</summary>
public sealed class AuditTrailHosts(string prefix) : IAsyncDisposable
{
    private readonly List<AuditTrailHost> started = [];

    public string Folder { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>A host on <see cref="Folder"/> with <paramref name="settings"/> on top.</summary>
    public async Task<AuditTrailHost> StartAsync(IDictionary<string, string?> settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var configuration = new Dictionary<string, string?>(settings) { ["Data:Path"] = Folder };
        var host = await AuditTrailHost.StartAsync(configuration, configureServices);
        started.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in started)
        {
            await host.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
