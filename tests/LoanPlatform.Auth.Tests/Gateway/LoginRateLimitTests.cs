using System.Net;

namespace LoanPlatform.Auth.Tests.Gateway;

/// <summary>Login attempts are limited per client IP at the gateway.</summary>
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
}
