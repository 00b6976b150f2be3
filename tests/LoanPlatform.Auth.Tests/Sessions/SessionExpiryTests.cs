using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Auth.Tests.Sessions;

/// <summary>A session document lives as long as its refresh token could, whatever happened to it: revoked ones too.</summary>
public sealed class SessionExpiryTests : IAsyncLifetime
{
    private AuthServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await AuthServiceHost.StartAsync(new Dictionary<string, string?> { ["Auth:PasswordHashIterations"] = "10000" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_logged_out_session_is_dropped_when_its_token_would_have_expired()
    {
        var familyId = await LoggedOutSessionAsync();

        Assert.NotNull(await Sessions.FindAsync(familyId, familyId));
        _host.Clock.Advance(new AuthOptions().RefreshTokenLifetime + TimeSpan.FromMinutes(1));
        Assert.Null(await Sessions.FindAsync(familyId, familyId));
    }

    [Fact]
    public async Task A_family_revoked_for_token_reuse_is_dropped_after_its_event_is_published()
    {
        var email = await _host.CreateCustomerAsync();
        var first = await _host.LoginAsync(email, AuthServiceHost.Password);
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<TokenService>();
            await tokens.RefreshAsync(new RefreshRequest(first.RefreshToken), CancellationToken.None);
            await Assert.ThrowsAnyAsync<Exception>(() => tokens.RefreshAsync(new RefreshRequest(first.RefreshToken), CancellationToken.None));
        }

        Assert.True(RefreshTokenFormat.TryParse(first.RefreshToken, out var familyId, out _));
        var revoked = await Sessions.FindAsync(familyId, familyId);
        Assert.True(revoked!.Value.Revoked);
        Assert.False(revoked.Value.HasPendingEvents, "the reuse event has left the outbox");

        _host.Clock.Advance(new AuthOptions().RefreshTokenLifetime + TimeSpan.FromMinutes(1));
        Assert.Null(await Sessions.FindAsync(familyId, familyId));
    }

    private IDocumentStore<RefreshSession> Sessions => _host.Services.GetRequiredService<IDocumentStore<RefreshSession>>();

    private async Task<string> LoggedOutSessionAsync()
    {
        var email = await _host.CreateCustomerAsync();
        var tokens = await _host.LoginAsync(email, AuthServiceHost.Password);
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TokenService>().LogoutAsync(new LogoutRequest(tokens.RefreshToken), CancellationToken.None);
        Assert.True(RefreshTokenFormat.TryParse(tokens.RefreshToken, out var familyId, out _));
        Assert.True((await Sessions.FindAsync(familyId, familyId))!.Value.Revoked);
        return familyId;
    }
}
