using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.ServiceDefaults;
using LoanPlatform.Testing;
using LoanPlatform.Users.Apis;
using LoanPlatform.Users.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>
/// The Users service wired exactly as the local host wires it (service defaults, platform authentication, the embedded
/// store in a temp folder, local object store), on Kestrel at a loopback port, next to the Auth stand-in.
/// </summary>
public sealed class UsersHost : IAsyncLifetime
{
    private static int _sequence = Random.Shared.Next(1000);
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "loanplatform-users-tests", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private WebApplication? _app;

    public UsersHost()
        : this(new Dictionary<string, string?>())
    {
    }

    private UsersHost(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public AuthStandIn Auth { get; private set; } = null!;

    public PublishedEvents Events { get; } = new();

    public HttpClient Anonymous { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var serviceKeys = Path.Combine(_dataPath, "keys");
        Auth = await AuthStandIn.StartAsync(serviceKeys);
        var url = $"http://127.0.0.1:{FreePort()}";

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Everything the service itself logs is captured; framework categories at the levels the local host's appsettings.json sets.
        builder.Logging.AddProvider(Logs);
        builder.Logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Debug);
        foreach (var category in new[] { "Microsoft.AspNetCore", "System.Net.Http.HttpClient", "Microsoft.Extensions.Http" })
        {
            builder.Logging.AddFilter<CapturingLoggerProvider>(category, LogLevel.Warning);
        }

        var settings = new Dictionary<string, string?>
        {
            ["Data:Path"] = _dataPath,
            ["Jwt:Issuer"] = AuthStandIn.Issuer,
            ["Jwt:Audience"] = TestTokens.Audience,
            ["Jwt:MetadataAddress"] = Auth.Url + "/.well-known/openid-configuration",
            ["ServiceIdentity:KeyFolder"] = serviceKeys,
            ["ServiceIdentity:ServiceName"] = "users",
            ["Services:Auth:InternalUrl"] = Auth.Url + "/",
            ["Documents:PublicBaseUrl"] = url,
            ["Documents:MaxSizeBytes"] = "1000",
        };
        foreach (var (key, value) in settings.Concat(_settings))
        {
            builder.Configuration[key] = value;
        }

        builder.AddServiceDefaults("users");
        builder.AddPlatformAuthentication();
        builder.AddUsersServices();
        builder.Services.AddSingleton<IOutboxPublisher>(Events);
        _app = builder.Build();
        _app.UsePlatformDefaults();
        _app.MapDefaultEndpoints();
        _app.MapUsersApi();
        _app.MapUsersInternalApi();
        await _app.StartAsync();

        Anonymous = new HttpClient { BaseAddress = new Uri(url) };
    }

    /// <summary>A host with configuration beyond the defaults (e.g. push settings); the caller disposes it.</summary>
    public static async Task<UsersHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = new UsersHost(settings);
        try
        {
            await host.InitializeAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // Null when the start failed.
        Anonymous?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Auth.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    /// <summary>A registration no other test uses: unique email, phone and NIK (a woman born 5 June 1990 in Jakarta Selatan).</summary>
    public static Dictionary<string, object?> NewRegistration()
    {
        var n = Interlocked.Increment(ref _sequence);
        return new Dictionary<string, object?>
        {
            ["fullName"] = "Siti Rahayu",
            ["email"] = $"siti{n}@example.com",
            ["phone"] = $"0812{n:D8}",
            ["nik"] = $"317107450690{n % 9999 + 1:D4}",
            ["dateOfBirth"] = "1990-06-05",
            ["password"] = "correct-horse-battery",
            ["consent"] = new { accepted = true, version = "2025-01" },
        };
    }

    /// <summary>
    /// Starts the registration and, when it is accepted, verifies it with the code the service sent to its email (a code
    /// that cannot work when none was sent: the details were taken), returning the verification's answer.
    /// </summary>
    public async Task<HttpResponseMessage> RegisterAsync(Dictionary<string, object?> registration)
    {
        var started = await Anonymous.PostAsJsonAsync("/users", registration);
        if (started.StatusCode != HttpStatusCode.Accepted)
        {
            return started;
        }

        started.Dispose();
        var email = (string)registration["email"]!;
        var code = CodeSentTo(email) ?? "000000";
        return await Anonymous.PostAsJsonAsync("/users/verify", new { email, code });
    }

    /// <summary>Registers a fresh user and returns a client signed in as them.</summary>
    public async Task<(string UserId, HttpClient Client)> NewCustomerAsync()
    {
        using var response = await RegisterAsync(NewRegistration());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var userId = (await response.Content.ReadFromJsonAsync<RegisterResult>())!.UserId;
        return (userId, ClientFor(userId));
    }

    public HttpClient ClientFor(string userId, string role = PlatformRoles.Customer)
    {
        var client = new HttpClient { BaseAddress = Anonymous.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(Auth.SigningKey, userId, role));
        return client;
    }

    /// <summary>The newest verification code sent to <paramref name="email"/>, or null when none was.</summary>
    public string? CodeSentTo(string email) => Events.All
        .Where(e => e.Type == "RegistrationCodeIssued"
            && string.Equals(e.Payload.GetProperty("recipient").GetProperty("email").GetString(), email.Trim(), StringComparison.OrdinalIgnoreCase))
        .Select(e => e.Payload.GetProperty("code").GetString())
        .LastOrDefault();

    /// <summary>
    /// A new staff member of <paramref name="role"/> whom an Admin linked to a person of their own (a NIK, email and phone
    /// no customer of these tests has), and a client signed in as them.
    /// </summary>
    public async Task<(string StaffId, HttpClient Client)> NewStaffAsync(string role, string? phone = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        var staffId = $"staff-{Guid.NewGuid():N}";
        using var admin = ClientFor("staff-admin", PlatformRoles.Admin);
        using var linked = await admin.PutAsJsonAsync($"/users/staff/{staffId}/person",
            new { nik = $"327301120385{n % 9999 + 1:D4}", email = $"{staffId}@staff.example", phone = phone ?? $"0811{n:D8}" });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        return (staffId, ClientFor(staffId, role));
    }

    /// <summary>A client calling as another service (the Loans service unless named) with a local service-identity token.</summary>
    public async Task<HttpClient> ServiceClientAsync(string caller = "loans")
    {
        var provider = new LocalServiceTokenProvider(
            Options.Create(new ServiceIdentityOptions { KeyFolder = Path.Combine(_dataPath, "keys"), ServiceName = caller }),
            TimeProvider.System);
        var client = new HttpClient { BaseAddress = Anonymous.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await provider.GetTokenAsync(CancellationToken.None));
        return client;
    }

    /// <summary>Uploads through a signed request exactly as a client would: its URL, method and every header it names.</summary>
    public Task<HttpResponseMessage> UploadAsync(JsonElement upload, byte[] content)
    {
        var request = new HttpRequestMessage(new HttpMethod(upload.GetProperty("method").GetString()!), upload.GetProperty("url").GetString()) { Content = new ByteArrayContent(content) };
        foreach (var header in upload.GetProperty("headers").EnumerateObject())
        {
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()))
            {
                request.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }

        return Anonymous.SendAsync(request);
    }

    public Task<HttpResponseMessage> PutAsync(string url, string contentType, byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return Anonymous.PutAsync(url, body);
    }

    public T GetRequiredService<T>() where T : notnull => Services.GetRequiredService<T>();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed record RegisterResult(string UserId);
}
