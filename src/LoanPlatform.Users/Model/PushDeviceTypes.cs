namespace LoanPlatform.Users.Model;

/// <summary>The kinds of device a push can go to, as the API and the Notifications service spell them.</summary>
public static class PushDeviceTypes
{
    /// <summary>A browser's Web Push subscription (endpoint and keys).</summary>
    public const string WebPush = "webpush";

    /// <summary>A native Android or iOS app's Firebase Cloud Messaging registration token.</summary>
    public const string Fcm = "fcm";
}
