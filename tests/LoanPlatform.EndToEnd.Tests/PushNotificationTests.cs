using System.Text.Json;
using LoanPlatform.Testing;
using LoanPlatform.Testing.Fcm;
using LoanPlatform.Testing.WebPush;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// Push end to end: a browser subscribes with the key the platform hands out, registers its subscription, and the
/// approval reaches it through a push service that checks the VAPID signature and decrypts like the browser would; a
/// native app registers its FCM token, and the approval reaches FCM's stand-in with an access token the platform got for
/// the service account.
/// </summary>
public sealed class PushNotificationTests : IAsyncLifetime
{
    private PushServiceStandIn _pushService = null!;
    private FcmStandIn _fcm = null!;
    private RunningPlatform _running = null!;

    public async Task InitializeAsync()
    {
        _pushService = await PushServiceStandIn.StartAsync();
        _fcm = await FcmStandIn.StartAsync();
        _running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Push:Provider"] = "Remote",
            // The stand-in push service listens on loopback; only a test host allows such endpoints.
            ["Devices:AllowLoopbackPushEndpoints"] = "true",
            // The key file's token_uri and the FCM endpoint both point at the stand-in.
            ["Push:Fcm:ProjectId"] = FcmStandIn.ProjectId,
            ["Push:Fcm:ServiceAccountJson"] = _fcm.ServiceAccountJson,
            ["Push:Fcm:Endpoint"] = _fcm.Origin,
        });
    }

    public async Task DisposeAsync()
    {
        await _running.DisposeAsync();
        await _pushService.DisposeAsync();
        await _fcm.DisposeAsync();
    }

    [Fact]
    public async Task The_approval_is_pushed_to_the_customers_app_through_FCM()
    {
        using var client = _running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync("en");
        var token = FcmStandIn.NewRegistrationToken();
        await client.SendOkAsync(HttpMethod.Post, "/users/me/devices", new { type = "fcm", token, platform = "android", label = "Galaxy A15" }, customer.Token);

        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer1@staff.local"));

        var push = await Eventually.ArrivesAsync(() => _fcm.Received.FirstOrDefault(received =>
            received.RegistrationToken == token && received.Data.GetValueOrDefault("path") == $"/loans/{loanId}"));
        Assert.Empty(_fcm.Refusals);
        Assert.Equal("Your loan is approved", push.Title);
        Assert.Equal("LoanApproved", push.Data["type"]);
        Assert.DoesNotContain("10,000,000", push.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_approval_is_pushed_to_the_customers_browser_signed_with_the_key_it_subscribed_with()
    {
        using var client = _running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync("en");
        var vapidKey = (await client.SendOkAsync(HttpMethod.Get, "/users/me/devices/push-config", token: customer.Token))["vapidPublicKey"]!.GetValue<string>();
        using var browser = _pushService.Subscribe();
        await client.SendOkAsync(HttpMethod.Post, "/users/me/devices", new { endpoint = browser.Endpoint, keys = new { p256dh = browser.P256dh, auth = browser.Auth }, label = "Firefox" }, customer.Token);

        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer1@staff.local"));

        var push = await Eventually.ArrivesAsync(() => _pushService.Received.FirstOrDefault(received =>
            received.SubscriptionId == browser.Id && received.Payload.Contains(loanId, StringComparison.Ordinal)));
        Assert.Empty(_pushService.Refusals);
        Assert.Equal(vapidKey, push.VapidPublicKey);
        var payload = JsonDocument.Parse(push.Payload).RootElement;
        Assert.Equal("LoanApproved", payload.GetProperty("type").GetString());
        Assert.Equal("Your loan is approved", payload.GetProperty("title").GetString());
        Assert.Equal($"/loans/{loanId}", payload.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_browser_that_unsubscribed_is_forgotten_after_the_next_notification()
    {
        using var client = _running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        using var browser = _pushService.Subscribe();
        await client.SendOkAsync(HttpMethod.Post, "/users/me/devices", new { endpoint = browser.Endpoint, keys = new { p256dh = browser.P256dh, auth = browser.Auth } }, customer.Token);
        Assert.Single((await client.SendOkAsync(HttpMethod.Get, "/users/me/devices", token: customer.Token)).AsArray());
        _pushService.AnswerWith(browser, 410);

        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer1@staff.local"));

        await Eventually.ArrivesAsync(async () =>
            (await client.SendOkAsync(HttpMethod.Get, "/users/me/devices", token: customer.Token)).AsArray().Count == 0 ? "gone" : null);
    }
}
