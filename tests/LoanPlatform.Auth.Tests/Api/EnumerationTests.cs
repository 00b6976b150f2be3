using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.BuildingBlocks.Problems;

namespace LoanPlatform.Auth.Tests.Api;

/// <summary>Login answers cannot tell an attacker whether an email has an account.</summary>
[Collection(PlatformCollection.Name)]
public sealed class EnumerationTests(AuthPlatformFixture fixture)
{
    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_status_and_body()
    {
        using var client = fixture.Client();
        var customer = await client.RegisterAsync();

        using var wrongPassword = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email = customer.Email, password = "not-the-password-at-all" });
        using var unknownEmail = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "not-the-password-at-all" });

        var first = WithoutRequestIds(await PlatformClient.ReadProblemAsync(wrongPassword, HttpStatusCode.Unauthorized));
        var second = WithoutRequestIds(await PlatformClient.ReadProblemAsync(unknownEmail, HttpStatusCode.Unauthorized));
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Fact]
    public async Task An_unknown_email_spends_a_password_hash_like_a_known_one()
    {
        // Costly enough that a skipped hash would stand out against the store's own time.
        await using var auth = await AuthServiceHost.StartAsync(new Dictionary<string, string?> { ["Auth:PasswordHashIterations"] = "100000" });
        var email = await auth.CreateCustomerAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";
        await RefusalTimeAsync(auth, unknown);
        await RefusalTimeAsync(auth, email);

        var unknownTime = await MedianRefusalTimeAsync(auth, unknown);
        var knownTime = await MedianRefusalTimeAsync(auth, email);

        // Only a coarse bound: timings on shared machines are noisy, and the point is that no path skips the hash.
        Assert.True(unknownTime * 10 >= knownTime, $"unknown email {unknownTime.TotalMilliseconds} ms, wrong password {knownTime.TotalMilliseconds} ms");
        Assert.True(knownTime * 10 >= unknownTime, $"unknown email {unknownTime.TotalMilliseconds} ms, wrong password {knownTime.TotalMilliseconds} ms");
    }

    private static JsonObject WithoutRequestIds(JsonObject problem)
    {
        problem.Remove("traceId");
        problem.Remove("correlationId");
        return problem;
    }

    private static async Task<TimeSpan> MedianRefusalTimeAsync(AuthServiceHost auth, string email)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            times.Add(await RefusalTimeAsync(auth, email));
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private static async Task<TimeSpan> RefusalTimeAsync(AuthServiceHost auth, string email)
    {
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<ProblemException>(() => auth.LoginAsync(email, "not-the-password-at-all"));
        return watch.Elapsed;
    }
}
