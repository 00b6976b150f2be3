namespace LoanPlatform.Notifications.Model;

/// <summary>
/// A device to push to, as the Users service's contact endpoint answers: a browser's Web Push subscription (the push
/// service endpoint and the keys its messages are encrypted to) or a native app's FCM registration token.
/// </summary>
public sealed record PushDevice(string DeviceId, string? Endpoint, string? P256dh, string? Auth)
{
    /// <summary>A <see cref="PushDeviceTypes"/> value; a Users service from before FCM names none and has only Web Push devices.</summary>
    public string Type { get; init; } = PushDeviceTypes.WebPush;

    /// <summary>The FCM registration token; null for Web Push.</summary>
    public string? Token { get; init; }
}
