using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Loans.Tests;

/// <summary>
/// The Loans store as the service wires it (embedded file, its outbox, the repository) in a folder of its own, plus
/// whatever services a test adds; the folder goes with it.
/// </summary>
public sealed class EmbeddedLoansHost : IAsyncDisposable
{
    private readonly string _folder;
    private readonly IHost _host;

    private EmbeddedLoansHost(string folder, IHost host)
    {
        _folder = folder;
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public static async Task<EmbeddedLoansHost> StartAsync(Action<IServiceCollection> addServices)
    {
        var folder = Path.Combine(Path.GetTempPath(), "loans-tests-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DocumentStore:EmbeddedPath"] = Path.Combine(folder, "loans.db"), ["Data:Path"] = folder });
        builder.AddDocumentStore("loans");
        builder.Services.AddDocumentType<LoanApplication>(LoanDocumentTypes.Loan);
        builder.AddOutbox<LoanApplication>();
        builder.Services.AddSingleton<LoanRepository>();
        builder.Services.AddSingleton(TimeProvider.System);
        addServices(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedLoansHost(folder, host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
