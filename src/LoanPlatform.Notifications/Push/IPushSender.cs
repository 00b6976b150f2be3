using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Push;

/// <summary>
/// Delivers one push notification to one device. Throws when the push service may accept it later (the queue retries);
/// answers <see cref="PushDeliveryResult.SubscriptionGone"/> when the subscription has expired or been revoked.
/// </summary>
public interface IPushSender
{
    Task<PushDeliveryResult> SendAsync(PushDevice device, PushNotification notification, CancellationToken cancellationToken);
}
