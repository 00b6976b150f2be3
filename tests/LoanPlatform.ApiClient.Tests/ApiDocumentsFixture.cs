namespace LoanPlatform.ApiClient.Tests;

/// <summary>
/// The local platform, and the three OpenAPI documents exactly as its gateway serves them, saved to files so the
/// lint and the client generator read what a mobile or web team would download.
/// </summary>
public sealed class ApiDocumentsFixture : IAsyncLifetime
{
    public static readonly IReadOnlyList<string> Services = ["auth", "users", "loans"];

    public RunningPlatform Running { get; private set; } = null!;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "loanplatform-openapi-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string service) => Path.Combine(Folder, service + ".json");

    public async Task InitializeAsync()
    {
        Running = await RunningPlatform.StartAsync();
        Directory.CreateDirectory(Folder);
        using var client = Running.CreateClient();
        foreach (var service in Services)
        {
            await File.WriteAllTextAsync(PathOf(service), await client.Http.GetStringAsync(new Uri($"/openapi/{service}.json", UriKind.Relative)));
        }
    }

    public async Task DisposeAsync()
    {
        await Running.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
