using System.Net;

namespace LoanPlatform.Auth.Tests.Gateway;

/// <summary>Login attempts are limited per client IP and per account at the gateway.</summary>
public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task The_fourth_login_within_a_minute_is_a_429_problem_with_Retry_After()
    {
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?> { ["Gateway:LoginPerIpPerMinute"] = "3" });
        using var client = running.CreateClient();
        var login = new { email = "nobody@example.com", password = "not-the-password-at-all" };
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.SendAsync(HttpMethod.Post, "/auth/login", login);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var limited = await client.SendAsync(HttpMethod.Post, "/auth/login", login);
        Assert.Equal("rate-limited", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(limited, HttpStatusCode.TooManyRequests)));
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Logins_naming_one_account_are_limited_per_account_whatever_the_casing_while_others_go_on()
    {
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?> { ["Gateway:LoginPerAccountPerMinute"] = "2" });
        using var client = running.CreateClient();
        foreach (var email in new[] { "Target@Example.com", " target@example.com" })
        {
            using var allowed = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email, password = "not-the-password-at-all" });
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var limited = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email = "TARGET@example.com", password = "not-the-password-at-all" });
        Assert.Equal("rate-limited", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(limited, HttpStatusCode.TooManyRequests)));
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);

        // Another account from the same address, and a malformed body (counted per IP only), still get through to the service.
        using var other = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email = "someone-else@example.com", password = "not-the-password-at-all" });
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        for (var i = 0; i < 3; i++)
        {
            using var malformed = await client.SendAsync(HttpMethod.Post, "/auth/login", "{\"email\": ");
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        // The body the gateway read is still forwarded whole: registration and its sign-in go through the limiter.
        var customer = await client.RegisterAsync();
        Assert.False(string.IsNullOrEmpty(customer.Token));
    }
}
