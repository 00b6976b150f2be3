using LoanPlatform.Auth.AuditEvents;
using LoanPlatform.Auth.Model;
using LoanPlatform.Auth.Services;
using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Auth.Tests.Service;

/// <summary>
/// Repeated wrong passwords within a sliding window lock the account for minutes at most; while locked the right
/// password gets the very same refusal, and the owner can end the lock with the code emailed to them.
/// </summary>
public sealed class LockoutTests : IAsyncLifetime
{
    private AuthServiceHost _auth = null!;

    public async Task InitializeAsync() => _auth = await AuthServiceHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:PasswordHashIterations"] = "10000",
        ["Auth:MaxFailedAttempts"] = "5",
        ["Auth:LockoutBase"] = "00:01:00",
        ["Auth:FailureWindow"] = "00:15:00",
        ["Auth:LockoutMax"] = "00:15:00",
    }, services => services.AddSingleton<IOutboxPublisher>(_published));

    private readonly PublishedEvents _published = new();

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_password_gets_the_same_401_until_the_lock_ends()
    {
        var email = await _auth.CreateCustomerAsync();
        var wrong = await FailFiveTimesAsync(email);

        var whileLocked = await RefusedAsync(email, AuthServiceHost.Password);
        AssertSameRefusal(wrong, whileLocked);

        _auth.Clock.Advance(TimeSpan.FromSeconds(61));
        await _auth.LoginAsync(email, AuthServiceHost.Password);
    }

    [Fact]
    public async Task A_wrong_password_after_a_lock_ends_locks_the_account_for_twice_as_long()
    {
        var email = await _auth.CreateCustomerAsync();
        await FailFiveTimesAsync(email);
        _auth.Clock.Advance(TimeSpan.FromSeconds(61));

        await RefusedAsync(email, "still-the-wrong-password");
        _auth.Clock.Advance(TimeSpan.FromSeconds(61));
        await RefusedAsync(email, AuthServiceHost.Password);

        _auth.Clock.Advance(TimeSpan.FromSeconds(60));
        await _auth.LoginAsync(email, AuthServiceHost.Password);
    }

    [Fact]
    public async Task A_successful_login_clears_earlier_failures()
    {
        var email = await _auth.CreateCustomerAsync();
        for (var i = 0; i < 4; i++)
        {
            await RefusedAsync(email, "wrong-password-" + i);
        }

        await _auth.LoginAsync(email, AuthServiceHost.Password);
        for (var i = 0; i < 4; i++)
        {
            await RefusedAsync(email, "wrong-password-again-" + i);
        }

        await _auth.LoginAsync(email, AuthServiceHost.Password);
    }

    [Fact]
    public async Task Failures_older_than_the_window_no_longer_count()
    {
        var email = await _auth.CreateCustomerAsync();
        for (var i = 0; i < 4; i++)
        {
            await RefusedAsync(email, "early-guess-" + i);
        }

        _auth.Clock.Advance(TimeSpan.FromMinutes(16));
        // Four more: eight in all, but never five within fifteen minutes, so the owner is not locked out.
        for (var i = 0; i < 4; i++)
        {
            await RefusedAsync(email, "late-guess-" + i);
        }

        await _auth.LoginAsync(email, AuthServiceHost.Password);
    }

    [Fact]
    public async Task However_many_guesses_a_lock_lasts_minutes_not_hours()
    {
        // A cap of three minutes, so the doubling (1, 2, 4 minutes) meets it within the window.
        await using var auth = await AuthServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:PasswordHashIterations"] = "10000",
            ["Auth:MaxFailedAttempts"] = "5",
            ["Auth:LockoutBase"] = "00:01:00",
            ["Auth:LockoutMax"] = "00:03:00",
        });
        var email = await auth.CreateCustomerAsync();
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<ProblemException>(() => auth.LoginAsync(email, "guess-" + i));
        }

        var locks = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var credential = await auth.FindCredentialAsync(email);
            locks.Add(credential.LockedUntil!.Value - auth.Clock.GetUtcNow());
            // One guess each time the lock lapses, as an attacker keeping the owner out would.
            auth.Clock.Advance(credential.LockedUntil.Value - auth.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            await Assert.ThrowsAsync<ProblemException>(() => auth.LoginAsync(email, "keep-them-out-" + i));
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3)], locks);
        var last = await auth.FindCredentialAsync(email);
        Assert.Equal(TimeSpan.FromMinutes(3), last.LockedUntil!.Value - auth.Clock.GetUtcNow());
        auth.Clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        await auth.LoginAsync(email, AuthServiceHost.Password);
    }

    [Fact]
    public async Task The_owner_ends_a_lock_with_the_code_emailed_when_it_began_and_only_once()
    {
        var email = await _auth.CreateCustomerAsync();
        await FailFiveTimesAsync(email);
        var offer = _published.All.Last(e => e.Type == AuthEventTypes.AccountUnlockOffered);
        Assert.True(offer.NotificationOnly, "the code never goes to the integration topic");
        var code = offer.PayloadAs<AccountUnlockOffered>().UnlockCode;
        var credentials = _auth.Services.GetRequiredService<CredentialService>();

        var wrong = await Assert.ThrowsAsync<ProblemException>(() => credentials.UnlockAsync(new UnlockRequest(email, code + "x"), default));
        Assert.Equal((400, "invalid-unlock-code"), (wrong.Status, wrong.Type.Split('/')[^1]));
        await credentials.UnlockAsync(new UnlockRequest(email.ToUpperInvariant(), code), default);
        await _auth.LoginAsync(email, AuthServiceHost.Password);

        var spent = await Assert.ThrowsAsync<ProblemException>(() => credentials.UnlockAsync(new UnlockRequest(email, code), default));
        Assert.Equal(400, spent.Status);
    }

    [Fact]
    public async Task Wrong_passwords_sent_in_parallel_all_count_towards_the_lockout()
    {
        var email = await _auth.CreateCustomerAsync();
        // Exactly the limit, all at once: a guess whose write lost the race and was dropped would leave the account open.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() => RefusedAsync(email, "parallel-guess-" + i))));

        await RefusedAsync(email, AuthServiceHost.Password);
    }

    private async Task<ProblemException> FailFiveTimesAsync(string email)
    {
        ProblemException? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await RefusedAsync(email, "wrong-password-" + i);
        }

        return last!;
    }

    private async Task<ProblemException> RefusedAsync(string email, string password)
    {
        var refused = await Assert.ThrowsAsync<ProblemException>(() => _auth.LoginAsync(email, password));
        Assert.Equal(401, refused.Status);
        return refused;
    }

    private static void AssertSameRefusal(ProblemException expected, ProblemException actual) =>
        Assert.Equal((expected.Status, expected.Type, expected.Title, expected.Detail), (actual.Status, actual.Type, actual.Title, actual.Detail));
}
