using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LoanPlatform.Users.Tests.Functional;

public sealed class NotificationPreferencesTests(UsersHost host) : IClassFixture<UsersHost>
{
    private const string Path = "/users/me/notification-preferences";

    [Fact]
    public async Task A_new_user_gets_email_and_push_without_quiet_hours_under_the_profile_ETag()
    {
        var (_, client) = await host.NewCustomerAsync();
        using var profile = await client.GetAsync("/users/me");

        using var response = await client.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(profile.Headers.ETag, response.Headers.ETag);
        var preferences = await response.ReadJsonAsync();
        Assert.True(preferences.GetProperty("email").GetBoolean());
        Assert.True(preferences.GetProperty("push").GetBoolean());
        Assert.Equal(JsonValueKind.Null, preferences.GetProperty("quietHours").ValueKind);
    }

    [Fact]
    public async Task Put_requires_If_Match_refuses_a_stale_one_and_round_trips_quiet_hours()
    {
        var (_, client) = await host.NewCustomerAsync();
        using var read = await client.GetAsync(Path);
        var etag = read.Headers.ETag!.Tag;
        var body = new { email = false, push = true, quietHours = new { start = "21:00", end = "07:00", timeZone = "Asia/Makassar" } };

        using var withoutIfMatch = await client.PutAsJsonAsync(Path, body);
        await withoutIfMatch.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");

        using var updated = await client.SendAsync(Put(etag, body));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(etag, updated.Headers.ETag!.Tag);
        AssertQuietEvening(await updated.ReadJsonAsync());

        using var again = await client.GetAsync(Path);
        Assert.Equal(updated.Headers.ETag, again.Headers.ETag);
        AssertQuietEvening(await again.ReadJsonAsync());

        using var stale = await client.SendAsync(Put(etag, new { email = true, push = true }));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "stale-etag");

        // One document, one ETag: the profile's own edits see the preferences change too.
        using var stalePatch = await client.SendAsync(ProfileTests.Patch(etag, new { language = "en" }));
        await stalePatch.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "stale-etag");

        using var cleared = await client.SendAsync(Put(again.Headers.ETag!.Tag, new { email = true, push = false, quietHours = (object?)null }));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await cleared.ReadJsonAsync()).GetProperty("quietHours").ValueKind);
    }

    [Fact]
    public async Task Both_channels_off_is_refused()
    {
        var (_, client) = await host.NewCustomerAsync();
        using var read = await client.GetAsync(Path);

        using var response = await client.SendAsync(Put(read.Headers.ETag!.Tag, new { email = false, push = false }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains("at least one channel", problem.GetProperty("errors").GetProperty("push")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7:00", "07:00", "Asia/Jakarta", "quietHours.start")]
    [InlineData("21:00", "24:00", "Asia/Jakarta", "quietHours.end")]
    [InlineData("21:00:00", "07:00", "Asia/Jakarta", "quietHours.start")]
    [InlineData("9pm", "07:00", "Asia/Jakarta", "quietHours.start")]
    [InlineData("21:00", "21:00", "Asia/Jakarta", "quietHours.end")]
    [InlineData("21:00", "07:00", "Asia/Singapore", "quietHours.timeZone")]
    [InlineData("21:00", "07:00", "asia/jakarta", "quietHours.timeZone")]
    [InlineData("21:00", "07:00", null, "quietHours.timeZone")]
    [InlineData(null, "07:00", "Asia/Jayapura", "quietHours.start")]
    public async Task Bad_quiet_hours_are_a_400_naming_the_field(string? start, string? end, string? timeZone, string field)
    {
        var (_, client) = await host.NewCustomerAsync();
        using var read = await client.GetAsync(Path);

        using var response = await client.SendAsync(Put(read.Headers.ETag!.Tag, new { email = true, push = true, quietHours = new { start, end, timeZone } }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Missing_or_mistyped_channels_are_a_400_never_a_500()
    {
        var (_, client) = await host.NewCustomerAsync();
        using var read = await client.GetAsync(Path);
        var etag = read.Headers.ETag!.Tag;

        using var missing = await client.SendAsync(Put(etag, new { quietHours = new { start = "22:00", end = "05:30", timeZone = "Asia/Jayapura" } }));
        var problem = await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["email", "push"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        using var mistyped = await client.SendAsync(Put(etag, new { email = "yes", push = true }));
        // Minimal APIs answer a body they cannot bind themselves (the Functions host maps it to "malformed-json").
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.Equal("application/problem+json", mistyped.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertQuietEvening(JsonElement preferences)
    {
        Assert.False(preferences.GetProperty("email").GetBoolean());
        Assert.True(preferences.GetProperty("push").GetBoolean());
        var quietHours = preferences.GetProperty("quietHours");
        Assert.Equal("21:00", quietHours.GetProperty("start").GetString());
        Assert.Equal("07:00", quietHours.GetProperty("end").GetString());
        Assert.Equal("Asia/Makassar", quietHours.GetProperty("timeZone").GetString());
    }

    internal static HttpRequestMessage Put(string ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
