using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.BuildingBlocks.Problems;

namespace LoanPlatform.Auth.Tests.Service;

/// <summary>Repeated wrong passwords lock the account; while locked the right password gets the very same refusal.</summary>
public sealed class LockoutTests : IAsyncLifetime
{
    private AuthServiceHost _auth = null!;

    public async Task InitializeAsync() => _auth = await AuthServiceHost.StartAsync(new Dictionary<string, string?>
    {
        ["Auth:PasswordHashIterations"] = "10000",
        ["Auth:MaxFailedAttempts"] = "5",
        ["Auth:LockoutBase"] = "00:01:00",
    });

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
