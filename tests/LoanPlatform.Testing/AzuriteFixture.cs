using System.Globalization;
using Xunit;

namespace LoanPlatform.Testing;

/// <summary>
/// Azurite's blob, queue and table services (npm <c>azurite</c>), each on its own free loopback port, in memory.
/// <c>--skipApiVersionCheck</c> because the current Azure SDKs send a newer API version than Azurite knows.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IAsyncDisposable
{
    // Azurite's published development account; it guards nothing but a local emulator.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly List<NodeStandIn> services = [];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var blob = await StartAsync("blob");
        var queue = await StartAsync("queue");
        var table = await StartAsync("table");
        ConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob.Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue.Port}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table.Port}/devstoreaccount1;");
    }

    private async Task<NodeStandIn> StartAsync(string service)
    {
        var standIn = await NodeStandIn.StartAsync(
            Path.Combine("node_modules", "azurite", "dist", "src", service, "main.js"),
            port => [$"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(CultureInfo.InvariantCulture), "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck"]);
        services.Add(standIn);
        return standIn;
    }

    public async Task DisposeAsync()
    {
        foreach (var service in services)
        {
            await service.DisposeAsync();
        }
    }

    // For a benchmark's `await using`, outside xUnit's lifetime.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
