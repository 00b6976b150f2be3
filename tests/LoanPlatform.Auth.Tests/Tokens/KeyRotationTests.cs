using LoanPlatform.Auth.Signing;
using LoanPlatform.Auth.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LoanPlatform.Auth.Tests.Tokens;

/// <summary>
/// Local key rotation: a new key is published before it signs, the previous key stays published for the token
/// lifetime plus skew after it retires, and once removed its tokens no longer validate.
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Activation = TimeSpan.FromMinutes(10);

    private AuthServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await AuthServiceHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:PasswordHashIterations"] = "1000",
        ["Auth:SigningKeyRotation"] = "30.00:00:00",
        ["Auth:SigningKeyActivationDelay"] = "00:10:00",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_key_older_than_the_rotation_period_is_replaced_with_an_overlap()
    {
        var email = await _host.CreateCustomerAsync();
        var oldToken = (await _host.LoginAsync(email, AuthServiceHost.Password)).AccessToken;
        var oldKid = KidOf(oldToken);

        _host.Clock.Advance(TimeSpan.FromDays(31));
        var duringActivation = (await _host.LoginAsync(email, AuthServiceHost.Password)).AccessToken;
        Assert.Equal(oldKid, KidOf(duringActivation));
        Assert.Equal(2, (await PublishedAsync()).Count);

        _host.Clock.Advance(Activation);
        var newToken = (await _host.LoginAsync(email, AuthServiceHost.Password)).AccessToken;
        Assert.NotEqual(oldKid, KidOf(newToken));
        Assert.True((await _host.ValidateAgainstJwksAsync(oldToken)).IsValid, "the retired key must validate during the overlap");
        Assert.True((await _host.ValidateAgainstJwksAsync(newToken)).IsValid);

        _host.Clock.Advance(Lifetime);
        Assert.Contains(oldKid, await PublishedAsync());

        _host.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.DoesNotContain(oldKid, await PublishedAsync());
        Assert.False((await _host.ValidateAgainstJwksAsync(oldToken)).IsValid, "a removed key's token must fail");
        Assert.True((await _host.ValidateAgainstJwksAsync(newToken)).IsValid);
    }

    [Fact]
    public async Task Rotation_on_demand_publishes_at_once_and_signs_after_the_activation_delay()
    {
        var email = await _host.CreateCustomerAsync();
        var before = KidOf((await _host.LoginAsync(email, AuthServiceHost.Password)).AccessToken);

        await _host.Services.GetRequiredService<LocalSigningKeySet>().RotateAsync(CancellationToken.None);
        var published = await PublishedAsync();
        Assert.Equal(2, published.Count);
        Assert.Equal(before, KidOf((await _host.LoginAsync(email, AuthServiceHost.Password)).AccessToken));

        _host.Clock.Advance(Activation + TimeSpan.FromSeconds(1));
        var after = KidOf((await _host.LoginAsync(email, AuthServiceHost.Password)).AccessToken);
        Assert.NotEqual(before, after);
        Assert.Contains(after, published);
    }

    private async Task<IReadOnlyList<string>> PublishedAsync() =>
        (await _host.Services.GetRequiredService<ISigningKeySet>().GetPublicKeysAsync(CancellationToken.None)).Select(k => k.Kid).ToArray();

    private static string KidOf(string token) => new JsonWebToken(token).Kid;
}
