namespace LoanPlatform.Notifications.Push;

public enum PushDeliveryResult
{
    /// <summary>The push service accepted the message for delivery.</summary>
    Delivered,

    /// <summary>The subscription no longer exists (404 or 410): the device is to be forgotten.</summary>
    SubscriptionGone,

    /// <summary>The push service refused this message for good (e.g. 400 or 413); retrying would not help.</summary>
    Refused,
}
