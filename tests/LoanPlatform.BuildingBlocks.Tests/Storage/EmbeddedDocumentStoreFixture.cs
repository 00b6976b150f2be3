namespace LoanPlatform.BuildingBlocks.Tests.Storage;

/// <summary>An embedded store in a fresh temporary folder.</summary>
public sealed class EmbeddedDocumentStoreFixture : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("loanplatform-store-").FullName;

    public DocumentStoreHost Host { get; private set; } = null!;

    /// <summary>The service's database file, for tests that look beneath the store.</summary>
    public string DatabasePath => Path.Combine(folder, DocumentStoreHost.ServiceName, $"{DocumentStoreHost.ServiceName}.db");

    public async Task InitializeAsync() =>
        Host = await DocumentStoreHost.StartAsync(new Dictionary<string, string?> { ["Data:Path"] = folder });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
