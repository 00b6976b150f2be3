using BenchmarkDotNet.Attributes;
using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Signing;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Benchmarks;

/// <summary>What the gateway and every service spend on one ES256 access token, with the platform's validation rules.</summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private const string Issuer = "https://bench.local/auth";
    private const string Audience = "loanplatform-api";

    private readonly JsonWebTokenHandler _handler = new();
    private TokenValidationParameters _parameters = null!;
    private string _token = "";
    private string _folder = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "loanplatform-bench-" + Guid.NewGuid().ToString("N"));
        var options = Options.Create(new AuthOptions { SigningKey = new SigningKeyOptions { Folder = _folder } });
        var keys = new LocalSigningKeySet(options, TimeProvider.System);
        _token = await new AccessTokenIssuer(keys, Options.Create(new JwtOptions { Issuer = Issuer, Audience = Audience }), options, TimeProvider.System)
            .IssueAsync("bench-user", "bench@example.com", [PlatformRoles.Customer], Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, CancellationToken.None);
        _parameters = PlatformTokenValidation.ForAccessTokens(Issuer, Audience);
        _parameters.IssuerSigningKeys = await keys.GetPublicKeysAsync(CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public async Task<bool> ValidateToken() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;
}
