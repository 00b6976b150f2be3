namespace LoanPlatform.Notifications.Model;

/// <summary>The device types the Users service's contact endpoint names, each pushed through its own channel.</summary>
public static class PushDeviceTypes
{
    /// <summary>A browser's Web Push subscription: endpoint and keys.</summary>
    public const string WebPush = "webpush";

    /// <summary>A native app's Firebase Cloud Messaging registration token.</summary>
    public const string Fcm = "fcm";
}
