using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Testing.Platform;

/// <summary>
/// The real local platform, started in-process exactly as `dotnet run --project src/LoanPlatform.LocalHost` starts it,
/// on a free port and a data folder of its own. Restartable on the same folder.
/// </summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    public const string StaffPassword = "Staff-Password-For-Tests-1";

    private readonly Dictionary<string, string?> _overrides;
    private readonly HashSet<string> _undeclared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedUndeclared = new(StringComparer.Ordinal);
    private LocalPlatform? _platform;

    private RunningPlatform(string dataPath, int port, IDictionary<string, string?> extra)
    {
        DataPath = dataPath;
        GatewayUrl = $"http://127.0.0.1:{port}";
        _overrides = new Dictionary<string, string?>
        {
            // Suites sign in and register far more often than a person would; the limits have tests of their own.
            ["Gateway:LoginPerIpPerMinute"] = "10000",
            ["Gateway:LoginPerAccountPerMinute"] = "10000",
        };
        foreach (var (key, value) in extra)
        {
            _overrides[key] = value;
        }

        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Data:Path"] = dataPath,
            ["Gateway:Url"] = GatewayUrl,
            ["LOCAL_STAFF_PASSWORD"] = StaffPassword,
            // Keep tests quick: the hash cost is a production setting, not what these tests are about.
            ["Auth:PasswordHashIterations"] = "10000",
        })
        {
            _overrides[key] = value;
        }
    }

    public string DataPath { get; }

    public string GatewayUrl { get; }

    public LocalPlatform Platform => _platform ?? throw new InvalidOperationException("The platform is stopped.");

    public static async Task<RunningPlatform> StartAsync(IDictionary<string, string?>? overrides = null, Action<Microsoft.DurableTask.DurableTaskRegistry>? durableTasks = null)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "loanplatform-e2e-" + Guid.NewGuid().ToString("N"));
        var running = new RunningPlatform(dataPath, LoopbackPorts.FindFreeForRestart(), overrides ?? new Dictionary<string, string?>()) { DurableTasks = durableTasks };
        await running.StartAgainAsync();
        return running;
    }

    /// <summary>What the next start's worker runs (null: the current release's tasks).</summary>
    public Action<Microsoft.DurableTask.DurableTaskRegistry>? DurableTasks { get; set; }

    /// <summary>Settings for the next start on top of the first start's; a null value removes one.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings)
        {
            _overrides[key] = value;
        }
    }

    public async Task StartAgainAsync()
    {
        var settings = LocalPlatformSettings.FromArgs([], _overrides);
        _platform = await LocalPlatform.StartAsync(DurableTasks is null ? settings : settings with { DurableTasks = DurableTasks });
    }

    public async Task StopAsync()
    {
        if (_platform is not null)
        {
            _undeclared.UnionWith(UndeclaredProblems);
            await _platform.DisposeAsync();
            _platform = null;
        }
    }

    /// <summary>
    /// "Operation: problem-type" for every problem an operation answered without declaring it, so its OpenAPI document
    /// does not list it (see LoanPlatform.BuildingBlocks.Problems.EndpointProblems). The gateway clients of
    /// <see cref="CreateClient"/> fail the request that caused one; every suite ends by asserting none.
    /// </summary>
    public IReadOnlyCollection<string> UndeclaredProblems =>
        _platform is null
            ? _undeclared
            : _platform.ServiceProviders.Values.SelectMany(s => s.GetRequiredService<UndeclaredProblems>().Seen).Concat(_undeclared).ToHashSet();

    /// <summary>The undeclared problems no request has been failed for yet (each fails one request, not every one after it).</summary>
    internal string[] TakeNewUndeclaredProblems()
    {
        lock (_reportedUndeclared)
        {
            return [.. UndeclaredProblems.Where(_reportedUndeclared.Add)];
        }
    }

    public PlatformClient CreateClient() => new(new HttpClient(new UndeclaredProblemCheck(this)) { BaseAddress = new Uri(GatewayUrl), Timeout = TimeSpan.FromSeconds(30) }, Inbox);

    /// <summary>
    /// Where registration codes and every other email land: the local email outbox (.eml files), or the capture folder of
    /// the SMTP server a test configured (<see cref="InboxFolder"/>).
    /// </summary>
    public EmailInbox Inbox => new(InboxFolder ?? Path.Combine(DataPath, "notifications", "outbox"));

    /// <summary>Set by a test that sends email through an SMTP capture: the folder its messages are written to.</summary>
    public string? InboxFolder { get; set; }

    /// <summary>
    /// A client of one service itself (not the gateway), carrying a local service-identity token for <paramref name="caller"/>,
    /// as another service or API Management calls an internal endpoint.
    /// </summary>
    public async Task<PlatformClient> CreateServiceClientAsync(string service, string caller)
    {
        var tokens = new LocalServiceTokenProvider(Options.Create(new ServiceIdentityOptions { KeyFolder = ServiceKeyFolder, ServiceName = caller }), TimeProvider.System);
        var http = new HttpClient { BaseAddress = new Uri(Platform.ServiceUrls[service]), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(CancellationToken.None));
        return new PlatformClient(http);
    }

    /// <summary>
    /// A client of one service's public endpoints called directly, around the gateway: with no gateway proof, or with the
    /// X-Gateway-Authorization token of <paramref name="proofCaller"/> (the gateway's own, or another service's).
    /// </summary>
    public async Task<PlatformClient> CreateDirectClientAsync(string service, string? proofCaller = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(Platform.ServiceUrls[service]), Timeout = TimeSpan.FromSeconds(30) };
        if (proofCaller is not null)
        {
            var tokens = new LocalServiceTokenProvider(Options.Create(new ServiceIdentityOptions { KeyFolder = ServiceKeyFolder, ServiceName = proofCaller }), TimeProvider.System);
            http.DefaultRequestHeaders.TryAddWithoutValidation(ServiceIdentityDefaults.GatewayProofHeader, "Bearer " + await tokens.GetTokenAsync(CancellationToken.None));
        }

        return new PlatformClient(http, Inbox);
    }

    /// <summary>The folder of the local services' own keys (one per service, {name}.pem).</summary>
    public string ServiceKeyFolder => Path.Combine(DataPath, "keys", "services");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        if (_undeclared.Count > 0)
        {
            throw new InvalidOperationException(
                "Operations answered problem types they do not declare (add them to .ProducesProblems): " + string.Join(", ", _undeclared.Order()));
        }
    }
}
