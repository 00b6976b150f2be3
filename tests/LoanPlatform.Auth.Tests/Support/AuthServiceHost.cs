using LoanPlatform.Auth.Extensions;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.Auth.Signing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.Auth.Tests.Support;

/// <summary>
/// The Auth service's own registration on its embedded document store in a temp folder, with a clock the test moves:
/// the real rules without HTTP and without waiting for lockouts to end.
/// </summary>
public sealed class AuthServiceHost : IAsyncDisposable
{
    public const string Password = "correct-horse-battery-staple";
    public const string Issuer = "https://auth.test/auth";

    /// <summary>The Users service, as the internal API names it when it creates or deletes a credential.</summary>
    public static readonly ChangeActor UsersService = new("users", PlatformRoles.Service);

    private readonly IHost _host;
    private readonly string _folder;

    private AuthServiceHost(IHost host, string folder, SettableClock clock)
    {
        _host = host;
        _folder = folder;
        Clock = clock;
    }

    public SettableClock Clock { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="settings">Auth settings on top of the embedded store; without PasswordHashIterations the production default applies.</param>
    /// <param name="services">Replacements at the network edge (e.g. a TokenCredential stub), registered last.</param>
    public static async Task<AuthServiceHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "loanplatform-auth-" + Guid.NewGuid().ToString("N"));
        var clock = new SettableClock(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The audit trail and the event log live under the data folder.
            ["Data:Path"] = folder,
            ["DocumentStore:EmbeddedPath"] = Path.Combine(folder, "auth.db"),
            ["Auth:SigningKey:Folder"] = Path.Combine(folder, "token-signing"),
            ["Jwt:Issuer"] = Issuer,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.Configure<JwtOptions>(builder.Configuration.GetSection(JwtOptions.SectionName));
        builder.AddAuthServices();
        builder.Services.AddSingleton<TimeProvider>(clock);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new AuthServiceHost(host, folder, clock);
    }

    /// <summary>Creates a customer credential the way registration does, and returns its email.</summary>
    public async Task<string> CreateCustomerAsync()
    {
        var email = $"customer-{Guid.NewGuid():N}@example.com";
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CredentialService>()
            .CreateAsync(new CreateCredentialRequest(Guid.NewGuid().ToString("N"), email, Password, [PlatformRoles.Customer]), UsersService, CancellationToken.None);
        return email;
    }

    /// <summary>The stored credential of <paramref name="email"/>.</summary>
    public async Task<Credential> FindCredentialAsync(string email) =>
        (await Services.GetRequiredService<IDocumentStore<Credential>>().FindAsync(email, email, CancellationToken.None))!.Value;

    /// <summary>The user id of the credential of <paramref name="email"/>.</summary>
    public async Task<string> UserIdOfAsync(string email) =>
        (await Services.GetRequiredService<IDocumentStore<Credential>>().FindAsync(email, email, CancellationToken.None))!.Value.UserId;

    public async Task<TokenResponse> LoginAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenService>().LoginAsync(new LoginRequest(email, password), CancellationToken.None);
    }

    /// <summary>Whether the token validates against the keys the JWKS publishes now (lifetime aside: the clock is the test's).</summary>
    public async Task<TokenValidationResult> ValidateAgainstJwksAsync(string token)
    {
        var parameters = PlatformTokenValidation.ForAccessTokens(Issuer, new JwtOptions().Audience);
        parameters.ValidateLifetime = false;
        parameters.IssuerSigningKeys = await Services.GetRequiredService<ISigningKeySet>().GetPublicKeysAsync(CancellationToken.None);
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
