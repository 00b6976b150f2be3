using System.Text.Json.Nodes;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using Microsoft.Extensions.Configuration;

namespace LoanPlatform.Auth.Tests.Support;

/// <summary>
/// One real local platform for the collection, with a signed-in customer and officer made on first use, and tokens
/// forged against the platform's own issuer, audience and key.
/// </summary>
public sealed class AuthPlatformFixture : IAsyncLifetime
{
    private readonly Lazy<Task<PlatformClient.Customer>> _customer;
    private readonly Lazy<Task<string>> _officer;

    public AuthPlatformFixture()
    {
        _customer = new(() => Client().RegisterAsync());
        _officer = new(() => Client().LoginStaffAsync("officer1@staff.local"));
    }

    public RunningPlatform Running { get; private set; } = null!;

    public TokenForge Forge { get; private set; } = null!;

    public Task<PlatformClient.Customer> Customer => _customer.Value;

    public Task<string> OfficerToken => _officer.Value;

    public string ServiceUrl(string service) => Running.Platform.ServiceUrls[service];

    /// <summary>A client of the gateway.</summary>
    public PlatformClient Client() => Running.CreateClient();

    /// <summary>A client that talks to one service directly, bypassing the gateway.</summary>
    /// <summary>A client of one service itself, carrying the gateway's proof, so the service's own checks are what answer.</summary>
    public Task<PlatformClient> ServiceClientAsync(string service) => Running.CreateDirectClientAsync(service, ServiceCallers.Gateway);

    public async Task InitializeAsync()
    {
        Running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
        {
            // The collection signs in far more often than a person would; the limits have a test of their own.
            ["Gateway:LoginPerIpPerMinute"] = "10000",
            ["Gateway:AnonymousPerIpPerMinute"] = "10000",
        });
        using var client = Client();
        var discovery = await client.SendOkAsync(HttpMethod.Get, "/auth/.well-known/openid-configuration");
        var jwt = Running.Platform.Settings.Configuration.GetSection(JwtOptions.SectionName).Get<JwtOptions>() ?? new JwtOptions();
        Forge = new TokenForge(Running.DataPath, discovery["issuer"]!.GetValue<string>(), jwt.Audience);
    }

    public async Task DisposeAsync() => await Running.DisposeAsync();

    /// <summary>The JSON payload of a token, decoded without validation.</summary>
    public static JsonObject PayloadOf(string token) => TokenForge.DecodeSegment(token.Split('.')[1]);
}
