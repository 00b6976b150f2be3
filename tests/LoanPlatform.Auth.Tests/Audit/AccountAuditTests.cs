using System.Text.Json;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Outbox.Local;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Auth.Tests.Audit;

/// <summary>
/// Every change to a login account leaves exactly one audit record, written from the outbox of the write that made it:
/// the right action, resource, actor and role, no secret, once per event however often it is delivered, and still
/// written when publishing did not happen right after the commit.
/// </summary>
public sealed class AccountAuditTests : IAsyncLifetime
{
    private const string NewPassword = "a-brand-new-passphrase";

    private readonly SwitchablePublisher _publisher = new();
    private AuthServiceHost _auth = null!;

    public async Task InitializeAsync() => _auth = await AuthServiceHost.StartAsync(
        new Dictionary<string, string?> { ["Auth:PasswordHashIterations"] = "1000", ["Auth:MaxFailedAttempts"] = "3" },
        services => services.Insert(0, ServiceDescriptor.Singleton<IOutboxPublisher>(_publisher)));

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Creating_a_credential_is_recorded_once_as_the_calling_service()
    {
        var email = await _auth.CreateCustomerAsync();
        var userId = await _auth.UserIdOfAsync(email);

        var record = Assert.Single(await RecordsOfAsync(userId));
        AssertRecord(record, "CredentialCreated", userId, "users", PlatformRoles.Service);
    }

    [Fact]
    public async Task A_password_change_is_recorded_as_the_signed_in_user_with_the_count_of_sessions_it_ended()
    {
        var email = await _auth.CreateCustomerAsync();
        var userId = await _auth.UserIdOfAsync(email);
        await _auth.LoginAsync(email, AuthServiceHost.Password);
        await _auth.LoginAsync(email, AuthServiceHost.Password);

        await WithCredentialsAsync(credentials => credentials.ChangePasswordAsync(
            userId, email, new ChangePasswordRequest(AuthServiceHost.Password, NewPassword), new ChangeActor(userId, PlatformRoles.Customer), CancellationToken.None));

        var record = Assert.Single(await RecordsOfAsync(userId), r => r.Action == "PasswordChanged");
        AssertRecord(record, "PasswordChanged", userId, userId, PlatformRoles.Customer);
        var published = (await _auth.Services.GetRequiredService<LocalEventLog>().ReadAllAsync()).Single(e => e.EventId == record.SourceEventId);
        Assert.Equal(2, published.Payload.GetProperty("sessionsRevoked").GetInt32());
    }

    [Fact]
    public async Task A_lockout_by_anonymous_logins_is_recorded_once_under_the_account_in_the_anonymous_role()
    {
        var email = await _auth.CreateCustomerAsync();
        var userId = await _auth.UserIdOfAsync(email);

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ProblemException>(() => _auth.LoginAsync(email, "wrong-password-" + i));
        }

        var records = await RecordsOfAsync(userId);
        var record = Assert.Single(records, r => r.Action == "AccountLocked");
        AssertRecord(record, "AccountLocked", userId, userId, ChangeActor.AnonymousRole);
        // Failed attempts below the limit, and the refusals while locked, change nothing worth a record of their own; the
        // unlock code emailed to the owner is recorded as offered (its code is in no record).
        Assert.Equal(["CredentialCreated", "AccountLocked", "AccountUnlockOffered"], records.Select(r => r.Action));
    }

    [Fact]
    public async Task Reusing_a_refresh_token_records_the_revoked_family_under_the_account()
    {
        var email = await _auth.CreateCustomerAsync();
        var userId = await _auth.UserIdOfAsync(email);
        var first = await _auth.LoginAsync(email, AuthServiceHost.Password);
        await RefreshAsync(first.RefreshToken);

        await Assert.ThrowsAsync<ProblemException>(() => RefreshAsync(first.RefreshToken));

        var record = Assert.Single(await RecordsOfAsync(userId), r => r.Action == "RefreshTokenReuseDetected");
        AssertRecord(record, "RefreshTokenReuseDetected", userId, userId, ChangeActor.AnonymousRole);
    }

    [Fact]
    public async Task Erasure_is_recorded_as_the_calling_service_and_leaves_no_document()
    {
        var email = await _auth.CreateCustomerAsync();
        var userId = await _auth.UserIdOfAsync(email);

        Assert.True(await WithCredentialsAsync(credentials => credentials.DeleteAsync(email, userId, AuthServiceHost.UsersService, CancellationToken.None)));

        var record = Assert.Single(await RecordsOfAsync(userId), r => r.Action == "CredentialDeleted");
        AssertRecord(record, "CredentialDeleted", userId, "users", PlatformRoles.Service);
        Assert.Null(await _auth.Services.GetRequiredService<IDocumentStore<Credential>>().FindAsync(email, email));
    }

    [Fact]
    public async Task An_erasure_whose_record_cannot_be_written_yet_keeps_the_event_and_finishes_when_repeated()
    {
        var email = await _auth.CreateCustomerAsync();
        var userId = await _auth.UserIdOfAsync(email);
        _publisher.Down = true;

        var pending = await Assert.ThrowsAsync<ProblemException>(() =>
            WithCredentialsAsync(credentials => credentials.DeleteAsync(email, userId, AuthServiceHost.UsersService, CancellationToken.None)));
        Assert.Equal((503, "erasure-pending"), (pending.Status, pending.Type));
        await Assert.ThrowsAsync<ProblemException>(() => _auth.LoginAsync(email, AuthServiceHost.Password));

        _publisher.Down = false;
        await SweepLaterAsync();
        Assert.True(await WithCredentialsAsync(credentials => credentials.DeleteAsync(email, userId, AuthServiceHost.UsersService, CancellationToken.None)));

        Assert.Single(await RecordsOfAsync(userId), r => r.Action == "CredentialDeleted");
        Assert.Null(await _auth.Services.GetRequiredService<IDocumentStore<Credential>>().FindAsync(email, email));
    }

    [Fact]
    public async Task A_change_not_published_after_its_commit_is_recorded_by_the_sweeper()
    {
        _publisher.Down = true;
        var email = await _auth.CreateCustomerAsync();
        var userId = await _auth.UserIdOfAsync(email);
        Assert.Empty(await RecordsOfAsync(userId));
        Assert.True((await _auth.Services.GetRequiredService<IDocumentStore<Credential>>().FindAsync(email, email))!.Value.HasPendingEvents);

        _publisher.Down = false;
        await SweepLaterAsync();

        AssertRecord(Assert.Single(await RecordsOfAsync(userId)), "CredentialCreated", userId, "users", PlatformRoles.Service);
        Assert.False((await _auth.Services.GetRequiredService<IDocumentStore<Credential>>().FindAsync(email, email))!.Value.HasPendingEvents);
    }

    [Fact]
    public async Task A_redelivered_event_gives_no_second_record()
    {
        var email = await _auth.CreateCustomerAsync();
        var userId = await _auth.UserIdOfAsync(email);
        var created = (await _auth.Services.GetRequiredService<LocalEventLog>().ReadAllAsync()).Single(e => e.Subject == userId);

        foreach (var publisher in _auth.Services.GetServices<IOutboxPublisher>())
        {
            await publisher.PublishAsync(created, CancellationToken.None);
        }

        Assert.Single(await RecordsOfAsync(userId));
    }

    [Fact]
    public async Task No_record_or_event_holds_an_email_a_password_a_hash_or_a_token()
    {
        var email = await _auth.CreateCustomerAsync();
        var userId = await _auth.UserIdOfAsync(email);
        var session = await _auth.LoginAsync(email, AuthServiceHost.Password);
        var hash = (await _auth.Services.GetRequiredService<IDocumentStore<Credential>>().FindAsync(email, email))!.Value.PasswordHash;
        var rotated = await RefreshAsync(session.RefreshToken);
        await Assert.ThrowsAsync<ProblemException>(() => RefreshAsync(session.RefreshToken));
        await WithCredentialsAsync(credentials => credentials.ChangePasswordAsync(
            userId, email, new ChangePasswordRequest(AuthServiceHost.Password, NewPassword), new ChangeActor(userId, PlatformRoles.Customer), CancellationToken.None));
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ProblemException>(() => _auth.LoginAsync(email, "wrong-password-" + i));
        }

        await WithCredentialsAsync(credentials => credentials.DeleteAsync(email, userId, AuthServiceHost.UsersService, CancellationToken.None));

        var records = await RecordsOfAsync(userId);
        Assert.Equal(
            ["CredentialCreated", "RefreshTokenReuseDetected", "PasswordChanged", "AccountLocked", "AccountUnlockOffered", "CredentialDeleted"],
            records.Select(r => r.Action));
        var text = JsonSerializer.Serialize(records) + JsonSerializer.Serialize(await _auth.Services.GetRequiredService<LocalEventLog>().ReadAllAsync());
        foreach (var secret in new[] { email, AuthServiceHost.Password, NewPassword, hash, session.RefreshToken, session.AccessToken, rotated.RefreshToken, rotated.AccessToken })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private async Task<IReadOnlyList<AuditRecord>> RecordsOfAsync(string userId) =>
        (await _auth.Services.GetRequiredService<AuditTrail>().SearchAsync(userId, Now.AddDays(-1), Now.AddDays(1), 100, null)).Items;

    // The host's settable clock, which stamps the changes.
    private DateTimeOffset Now => _auth.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private static void AssertRecord(AuditRecord record, string action, string userId, string actor, string role)
    {
        Assert.Equal((action, $"/auth/accounts/{userId}", actor, role, "success"), (record.Action, record.Resource, record.Actor, record.Role, record.Outcome));
        Assert.Null(record.StatusCode);
        Assert.False(string.IsNullOrEmpty(record.SourceEventId));
    }

    /// <summary>Past the age at which the sweeper takes over from the dispatcher, then one sweep of each outbox.</summary>
    private async Task SweepLaterAsync()
    {
        _auth.Clock.Advance(TimeSpan.FromMinutes(1));
        await _auth.Services.GetRequiredService<OutboxSweeper<Credential>>().SweepAsync(CancellationToken.None);
        await _auth.Services.GetRequiredService<OutboxSweeper<RefreshSession>>().SweepAsync(CancellationToken.None);
    }

    private async Task<T> WithCredentialsAsync<T>(Func<CredentialService, Task<T>> action)
    {
        await using var scope = _auth.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CredentialService>());
    }

    private async Task WithCredentialsAsync(Func<CredentialService, Task> action)
    {
        await using var scope = _auth.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<CredentialService>());
    }

    private async Task<TokenResponse> RefreshAsync(string refreshToken)
    {
        await using var scope = _auth.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenService>().RefreshAsync(new RefreshRequest(refreshToken), CancellationToken.None);
    }
}
