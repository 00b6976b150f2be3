using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Auth.Tests.Service;

/// <summary>Changing the password checks the current one, applies the policy, and ends every session.</summary>
public sealed class PasswordChangeTests : IAsyncLifetime
{
    private const string NewPassword = "a-brand-new-passphrase";

    private AuthServiceHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await AuthServiceHost.StartAsync(new Dictionary<string, string?> { ["Auth:PasswordHashIterations"] = "1000" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_change_revokes_every_refresh_token_and_only_the_new_password_signs_in()
    {
        var email = await _host.CreateCustomerAsync();
        var first = await _host.LoginAsync(email, AuthServiceHost.Password);
        var second = await _host.LoginAsync(email, AuthServiceHost.Password);

        await ChangeAsync(email, AuthServiceHost.Password, NewPassword);

        foreach (var session in new[] { first, second })
        {
            var refused = await Assert.ThrowsAsync<ProblemException>(() => RefreshAsync(session.RefreshToken));
            Assert.Equal("invalid-refresh-token", refused.Type);
        }

        await Assert.ThrowsAsync<ProblemException>(() => _host.LoginAsync(email, AuthServiceHost.Password));
        var fresh = await _host.LoginAsync(email, NewPassword);
        await RefreshAsync(fresh.RefreshToken);
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_403_and_counts_toward_the_lockout()
    {
        var email = await _host.CreateCustomerAsync();
        for (var i = 0; i < 5; i++)
        {
            var refused = await Assert.ThrowsAsync<ProblemException>(() => ChangeAsync(email, "not-the-current-one", NewPassword));
            Assert.Equal((403, "invalid-current-password"), (refused.Status, refused.Type));
        }

        // Locked now: even the right password is refused until the lockout ends.
        await Assert.ThrowsAsync<ProblemException>(() => _host.LoginAsync(email, AuthServiceHost.Password));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("password1234")]
    [InlineData(AuthServiceHost.Password)]
    public async Task A_new_password_that_breaks_the_policy_is_a_400(string newPassword)
    {
        var email = await _host.CreateCustomerAsync();
        var refused = await Assert.ThrowsAsync<ProblemException>(() => ChangeAsync(email, AuthServiceHost.Password, newPassword));
        Assert.Equal((400, "validation"), (refused.Status, refused.Type));
        await _host.LoginAsync(email, AuthServiceHost.Password);
    }

    [Fact]
    public async Task Credential_creation_applies_the_policy()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var refused = await Assert.ThrowsAsync<ProblemException>(() => scope.ServiceProvider.GetRequiredService<CredentialService>()
            .CreateAsync(new CreateCredentialRequest("u1", "dewi.lestari@example.com", "dewi.lestari-2024!", ["Customer"]), AuthServiceHost.UsersService, CancellationToken.None));
        Assert.Equal(400, refused.Status);
    }

    private async Task ChangeAsync(string email, string current, string replacement)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var credentials = scope.ServiceProvider.GetRequiredService<CredentialService>();
        var userId = await _host.UserIdOfAsync(email);
        await credentials.ChangePasswordAsync(userId, email, new ChangePasswordRequest(current, replacement), new ChangeActor(userId, PlatformRoles.Customer), CancellationToken.None);
    }

    private async Task<TokenResponse> RefreshAsync(string refreshToken)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenService>().RefreshAsync(new RefreshRequest(refreshToken), CancellationToken.None);
    }
}
