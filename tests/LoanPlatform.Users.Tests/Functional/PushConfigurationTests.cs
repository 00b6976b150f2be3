using System.Net;
using System.Net.Http.Json;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Configured push: a VAPID key to hand out, loopback endpoints for local testing and an own list of push hosts.</summary>
public sealed class PushConfigurationTests
{
    [Fact]
    public async Task Push_config_answers_the_configured_VAPID_public_key()
    {
        var key = PushSubscriptions.NewP256dh();
        var host = await UsersHost.StartAsync(new Dictionary<string, string?> { ["Push:Vapid:PublicKey"] = key });
        try
        {
            var (_, client) = await host.NewCustomerAsync();

            using var response = await client.GetAsync("/users/me/devices/push-config");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(key, (await response.ReadJsonAsync()).GetProperty("vapidPublicKey").GetString());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_VAPID_key_browsers_cannot_use_stops_the_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => UsersHost.StartAsync(new Dictionary<string, string?> { ["Push:Vapid:PublicKey"] = "not-a-key" }));

        Assert.Contains("Push:Vapid:PublicKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5999/push/abc")]
    [InlineData("https://127.0.0.1:5999/push/abc")]
    [InlineData("http://localhost:5999/push/abc")]
    [InlineData("http://[::1]:5999/push/abc")]
    public async Task Loopback_endpoints_are_accepted_only_when_enabled(string endpoint)
    {
        var host = await UsersHost.StartAsync(new Dictionary<string, string?> { ["Devices:AllowLoopbackPushEndpoints"] = "true" });
        try
        {
            var (_, client) = await host.NewCustomerAsync();

            using var response = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoint));

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            using var remote = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body("http://push.example.com/abc"));
            await remote.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_configured_host_list_replaces_the_defaults()
    {
        var host = await UsersHost.StartAsync(new Dictionary<string, string?> { ["Devices:AllowedPushHosts:0"] = "push.example.test" });
        try
        {
            var (_, client) = await host.NewCustomerAsync();

            using var own = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(PushSubscriptions.NewEndpoint("eu.push.example.test")));
            Assert.Equal(HttpStatusCode.Created, own.StatusCode);
            using var fcm = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(PushSubscriptions.NewEndpoint()));
            await fcm.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
