using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoanPlatform.Notifications.Model;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Notifications.Push;

/// <summary>
/// Firebase Cloud Messaging HTTP v1 for native Android and iOS apps, over its REST API (no Google SDK): one
/// <c>messages:send</c> per device, authorised by an access token from the project's service account.
/// </summary>
public sealed class FcmSender(HttpClient http, GoogleAccessTokens tokens, IOptions<PushOptions> options) : IPushSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PushDeliveryResult> SendAsync(PushDevice device, PushNotification notification, CancellationToken cancellationToken)
    {
        var push = options.Value;
        var data = new Dictionary<string, string> { ["id"] = notification.EventId, ["type"] = notification.EventType };
        if (notification.Path is { } path)
        {
            data["path"] = path;
        }

        var body = new FcmSendRequest(new FcmMessage(
            device.Token!,
            new FcmNotification(notification.Title, notification.Body),
            data,
            new FcmAndroidConfig("high", $"{(long)push.TimeToLive.TotalSeconds}s"),
            new FcmApnsConfig(new Dictionary<string, string> { ["apns-priority"] = "10" })));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(push.Fcm.Endpoint, $"v1/projects/{Uri.EscapeDataString(push.Fcm.ProjectId!)}/messages:send"))
        {
            Content = JsonContent.Create(body, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return PushDeliveryResult.Delivered;
        }

        var error = await FcmError.ReadAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound || error.IsUnregistered || (response.StatusCode == HttpStatusCode.BadRequest && error.IsInvalidToken))
        {
            return PushDeliveryResult.SubscriptionGone;
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return PushDeliveryResult.Refused;
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // A revoked or expired token: the retry asks for a new one.
            tokens.Invalidate();
        }

        // 401/403 (a service account without the right), 429 (quota) and 5xx throw: the queue retries, then dead-letters.
        throw new HttpRequestException($"FCM answered {(int)response.StatusCode} {error.Status}.", null, response.StatusCode);
    }
}
