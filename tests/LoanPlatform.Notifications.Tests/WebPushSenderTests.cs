using System.Security.Cryptography;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using LoanPlatform.Notifications.Model;
using LoanPlatform.Notifications.Push;
using LoanPlatform.Testing.WebPush;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Notifications.Tests;

/// <summary>
/// The Web Push adapter against a loopback push service that verifies the VAPID signature and decrypts the payload with
/// the subscriber's keys, as a browser would: only a correctly signed and encrypted message gets through.
/// </summary>
public sealed class WebPushSenderTests : IAsyncLifetime
{
    private static readonly PushNotification Approved = new("event-1", "LoanApproved", "id", "Pinjaman Anda disetujui", "Buka aplikasi untuk melihat jadwal angsuran Anda, Siti.", "/loans/loan-1");

    private PushServiceStandIn _pushService = null!;

    public async Task InitializeAsync() => _pushService = await PushServiceStandIn.StartAsync();

    public async Task DisposeAsync() => await _pushService.DisposeAsync();

    [Fact]
    public async Task A_push_arrives_signed_with_VAPID_and_decrypts_to_the_notification()
    {
        using var subscription = _pushService.Subscribe();

        var result = await Sender().SendAsync(DeviceOf(subscription), Approved, default);

        Assert.Equal(PushDeliveryResult.Delivered, result);
        Assert.Empty(_pushService.Refusals);
        var received = Assert.Single(_pushService.Received);
        Assert.StartsWith("http://127.0.0.1", received.Audience, StringComparison.Ordinal);
        Assert.Equal("mailto:push@loanplatform.test", received.Subject);
        Assert.Equal(86_400, received.TimeToLive);
        var payload = JsonDocument.Parse(received.Payload).RootElement;
        Assert.Equal("event-1", payload.GetProperty("id").GetString());
        Assert.Equal("LoanApproved", payload.GetProperty("type").GetString());
        Assert.Equal("Pinjaman Anda disetujui", payload.GetProperty("title").GetString());
        Assert.Equal("/loans/loan-1", payload.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_sender_whose_private_key_does_not_match_its_public_key_is_refused_by_the_push_service()
    {
        // The push service checks the JWT against the key in the header: a mismatched pair fails loudly, not silently.
        using var subscription = _pushService.Subscribe();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var mismatched = Keys() with { PrivateKey = VapidKeyPair.From(other).PrivateKey };

        await Assert.ThrowsAsync<PushServiceClientException>(() => Sender(mismatched).SendAsync(DeviceOf(subscription), Approved, default));
        Assert.Contains(_pushService.Refusals, reason => reason.StartsWith("VAPID authorization failed: signature", StringComparison.Ordinal));
        Assert.Empty(_pushService.Received);
    }

    [Theory]
    [InlineData(404, PushDeliveryResult.SubscriptionGone)]
    [InlineData(410, PushDeliveryResult.SubscriptionGone)]
    [InlineData(400, PushDeliveryResult.Refused)]
    [InlineData(413, PushDeliveryResult.Refused)]
    public async Task The_push_services_answer_says_whether_the_device_is_gone_or_the_message_refused(int status, PushDeliveryResult expected)
    {
        using var subscription = _pushService.Subscribe();
        _pushService.AnswerWith(subscription, status);

        Assert.Equal(expected, await Sender().SendAsync(DeviceOf(subscription), Approved, default));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_busy_or_failing_push_service_throws_so_the_queue_retries(int status)
    {
        using var subscription = _pushService.Subscribe();
        _pushService.AnswerWith(subscription, status);

        await Assert.ThrowsAsync<PushServiceClientException>(() => Sender().SendAsync(DeviceOf(subscription), Approved, default));
    }

    [Fact]
    public void Web_Push_without_a_VAPID_key_pair_refuses_to_start()
    {
        Assert.Throws<InvalidOperationException>(() => new WebPushSender(new HttpClient(), Options.Create(new PushOptions { Provider = PushProvider.Remote })));
    }

    private static readonly Lazy<VapidKeyPair> SharedKeys = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return VapidKeyPair.From(key);
    });

    private static VapidKeyPair Keys() => SharedKeys.Value;

    private static WebPushSender Sender(VapidKeyPair? keys = null)
    {
        keys ??= Keys();
        return new WebPushSender(new HttpClient(), Options.Create(new PushOptions
        {
            Provider = PushProvider.Remote,
            Vapid = new VapidOptions { PublicKey = keys.PublicKey, PrivateKey = keys.PrivateKey, Subject = "mailto:push@loanplatform.test" },
        }));
    }

    private static PushDevice DeviceOf(TestPushSubscription subscription) => new(subscription.Id, subscription.Endpoint, subscription.P256dh, subscription.Auth);
}
