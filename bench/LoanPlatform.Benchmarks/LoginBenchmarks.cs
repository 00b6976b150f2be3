using BenchmarkDotNet.Attributes;
using LoanPlatform.Auth.Extensions;
using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Benchmarks;

/// <summary>
/// The cost of a login at the production PBKDF2 cost (600,000 iterations): the hash alone, and the whole
/// TokenService login on the embedded document store (hash, credential read, session write, ES256 token).
/// </summary>
[MemoryDiagnoser]
public class LoginBenchmarks
{
    private const string Password = "correct-horse-battery-staple";

    private readonly PasswordHasher _hasher = new(Options.Create(new AuthOptions()));
    private string _hash = "";
    private string _folder = "";
    private IHost _host = null!;
    private string _email = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _hash = _hasher.Hash(Password);
        _folder = Path.Combine(Path.GetTempPath(), "loanplatform-bench-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Path"] = _folder,
            ["DocumentStore:EmbeddedPath"] = Path.Combine(_folder, "auth.db"),
            ["Auth:SigningKey:Folder"] = Path.Combine(_folder, "keys"),
            ["Jwt:Issuer"] = "https://bench.local/auth",
        });
        builder.Services.Configure<JwtOptions>(builder.Configuration.GetSection(JwtOptions.SectionName));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddAuthServices();
        _host = builder.Build();
        await _host.StartAsync();
        _email = $"bench-{Guid.NewGuid():N}@example.com";
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CredentialService>()
            .CreateAsync(new CreateCredentialRequest(Guid.NewGuid().ToString("N"), _email, Password, [PlatformRoles.Customer]), new ChangeActor("users", PlatformRoles.Service), CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public bool LoginPasswordVerify() => _hasher.Verify(Password, _hash);

    [Benchmark]
    public async Task<TokenResponse> LoginTokenService()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenService>().LoginAsync(new LoginRequest(_email, Password), CancellationToken.None);
    }
}
