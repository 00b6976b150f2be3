using System.Net;
using LoanPlatform.Gateway;

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
        // Three: a registration names its account three times (start, verify, first sign-in).
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?> { ["Gateway:LoginPerAccountPerMinute"] = "3" });
        using var client = running.CreateClient();
        foreach (var email in new[] { "Target@Example.com", " target@example.com", "TARGET@EXAMPLE.COM " })
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

    [Fact]
    public async Task The_account_is_found_in_any_spelling_of_the_email_property_and_in_bodies_over_4_KB()
    {
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?> { ["Gateway:LoginPerAccountPerMinute"] = "4" });
        using var client = running.CreateClient();
        var padding = new string('x', 6000);
        var spellings = new[]
        {
            "{\"EMAIL\": \"Victim@Example.com\", \"password\": \"guess-number-one\"}",
            "{\"e\\u006dail\": \"victim@example.com\", \"password\": \"guess-number-two\"}",
            // The services bind the last of duplicate properties; so does the gateway.
            "{\"email\": \"decoy@example.com\", \"Email\": \"victim@example.com\", \"password\": \"guess-number-three\"}",
            "{\"padding\": \"" + padding + "\", \"email\": \"victim@example.com\", \"password\": \"guess-number-four\"}",
        };
        foreach (var body in spellings)
        {
            using var counted = await client.SendAsync(HttpMethod.Post, "/auth/login", body);
            Assert.Equal(HttpStatusCode.Unauthorized, counted.StatusCode);
        }

        using var limited = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email = "victim@example.com", password = "guess-number-five" });
        Assert.Equal("rate-limited", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(limited, HttpStatusCode.TooManyRequests)));

        // Too large to be an honest login: refused before any service sees it, so it cannot hide an account either.
        using var huge = await client.SendAsync(HttpMethod.Post, "/auth/login", "{\"padding\": \"" + new string('x', 20_000) + "\", \"email\": \"other@example.com\"}");
        Assert.Equal("body-too-large", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge)));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2:ffff:eeee:dddd:cccc", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7", true)]
    public void IPv6_clients_share_a_limit_per_64_and_IPv4_clients_per_address(string first, string second, bool shared)
    {
        var (a, b) = (GatewayRateLimiting.ClientKey(IPAddress.Parse(first)), GatewayRateLimiting.ClientKey(IPAddress.Parse(second)));
        Assert.Equal(shared, a == b);
    }
}
