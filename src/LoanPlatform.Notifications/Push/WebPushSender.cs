using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using LoanPlatform.Notifications.Model;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Notifications.Push;

/// <summary>
/// Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291), through Lib.Net.Http.WebPush.
/// Works with every browser's push service (FCM for Chrome and Android, Mozilla, Apple, Windows).
/// </summary>
public sealed class WebPushSender : IPushSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly PushServiceClient _client;
    private readonly TimeSpan _timeToLive;

    public WebPushSender(HttpClient http, IOptions<PushOptions> options)
    {
        var push = options.Value;
        if (string.IsNullOrEmpty(push.Vapid.PublicKey) || string.IsNullOrEmpty(push.Vapid.PrivateKey))
        {
            throw new InvalidOperationException("Web Push needs Push:Vapid:PublicKey and Push:Vapid:PrivateKey.");
        }

        _timeToLive = push.TimeToLive;
        _client = new PushServiceClient(http)
        {
            DefaultAuthentication = new VapidAuthentication(push.Vapid.PublicKey, push.Vapid.PrivateKey) { Subject = push.Vapid.Subject },
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            // Our queue owns retries and their backoff; a push service's Retry-After turns into a failed attempt.
            AutoRetryAfter = false,
        };
    }

    public async Task<PushDeliveryResult> SendAsync(PushDevice device, PushNotification notification, CancellationToken cancellationToken)
    {
        var subscription = new PushSubscription { Endpoint = device.Endpoint! };
        subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
        var message = new PushMessage(JsonSerializer.Serialize(new PushPayload(notification), Json))
        {
            TimeToLive = (int)_timeToLive.TotalSeconds,
            Urgency = PushMessageUrgency.Normal,
        };

        try
        {
            await _client.RequestPushMessageDeliveryAsync(subscription, message, cancellationToken);
            return PushDeliveryResult.Delivered;
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return PushDeliveryResult.SubscriptionGone;
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            return PushDeliveryResult.Refused;
        }

        // Anything else throws, 401/403 included: a VAPID key the push service rejects fails every device, so it goes
        // through retries to a dead letter with the reason rather than being skipped.
    }
}
