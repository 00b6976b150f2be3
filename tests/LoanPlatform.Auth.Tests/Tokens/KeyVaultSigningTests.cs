using LoanPlatform.Testing;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using LoanPlatform.Auth.Signing;
using LoanPlatform.Auth.Tests.Fakes;
using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.BuildingBlocks.Problems;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Tests.Tokens;

/// <summary>Signing through Key Vault, against a local fake of its REST endpoints: request shape, identity, and a token that validates with the JWKS.</summary>
public sealed class KeyVaultSigningTests : IAsyncLifetime
{
    private const string KeyName = "token-signing";

    private const string VaultToken = "stub-vault-token";
    private readonly StaticTokenCredential _credential = new(VaultToken);
    private FakeKeyVault _vault = null!;
    private AuthServiceHost _host = null!;

    public async Task InitializeAsync()
    {
        // The clock of AuthServiceHost starts 2025-01-06 09:00. v2 was made 12 minutes ago, so it signs (activation delay
        // 10 minutes) and v1, retired 2 minutes ago, is still published for its tokens; v3 is disabled and never published.
        var start = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
        _vault = await FakeKeyVault.StartAsync(KeyName,
        [
            new("v1", ECDsa.Create(ECCurve.NamedCurves.nistP256), start - TimeSpan.FromDays(60), Enabled: true),
            new("v2", ECDsa.Create(ECCurve.NamedCurves.nistP256), start - TimeSpan.FromMinutes(12), Enabled: true),
            new("v3", ECDsa.Create(ECCurve.NamedCurves.nistP256), start - TimeSpan.FromDays(90), Enabled: false),
        ]);
        _host = await AuthServiceHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Auth:PasswordHashIterations"] = "1000",
                ["Auth:SigningKey:KeyVaultUri"] = _vault.VaultUri.AbsoluteUri,
                ["Auth:SigningKey:KeyName"] = KeyName,
            },
            services => services.AddSingleton<TokenCredential>(_credential));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _vault.DisposeAsync();
    }

    [Fact]
    public void The_vault_provider_is_chosen_by_configuration() =>
        Assert.IsType<KeyVaultSigningKeySet>(_host.Services.GetRequiredService<ISigningKeySet>());

    [Fact]
    public async Task A_token_is_signed_by_the_newest_active_version_and_validates_with_the_published_keys()
    {
        var email = await _host.CreateCustomerAsync();
        var token = (await _host.LoginAsync(email, AuthServiceHost.Password)).AccessToken;

        var sign = Assert.Single(_vault.Requests, r => r.Method == "POST");
        Assert.Equal($"/keys/{KeyName}/v2/sign", sign.Path);
        Assert.Equal("7.4", sign.ApiVersion);
        Assert.Equal("ES256", sign.Body!["alg"]!.GetValue<string>());
        var signingInput = token[..token.LastIndexOf('.')];
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(signingInput)), Base64UrlEncoder.DecodeBytes(sign.Body["value"]!.GetValue<string>()));

        Assert.All(_vault.Requests, r => Assert.Equal($"Bearer {VaultToken}", r.Authorization));
        Assert.All(_vault.Requests, r => Assert.Equal("7.4", r.ApiVersion));
        Assert.Contains("https://vault.azure.net/.default", _credential.RequestedScopes);

        var published = await _host.Services.GetRequiredService<ISigningKeySet>().GetPublicKeysAsync(CancellationToken.None);
        Assert.Equal(2, published.Count);
        Assert.True((await _host.ValidateAgainstJwksAsync(token)).IsValid);
        Assert.Contains(new JsonWebToken(token).Kid, published.Select(k => k.Kid));
        Assert.DoesNotContain(published, k => k.Kid.Contains("keys", StringComparison.Ordinal) || k.HasPrivateKey);
    }

    [Fact]
    public async Task An_unreachable_vault_is_a_503_problem_not_a_500()
    {
        var email = await _host.CreateCustomerAsync();
        await _vault.DisposeAsync();
        var refused = await Assert.ThrowsAsync<ProblemException>(() => _host.LoginAsync(email, AuthServiceHost.Password));
        Assert.Equal((503, "signing-unavailable"), (refused.Status, refused.Type));
    }
}
