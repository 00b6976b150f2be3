namespace LoanPlatform.Notifications.Model;

/// <summary>A browser's or app's Web Push subscription: the push service endpoint and the keys its messages are encrypted to.</summary>
public sealed record PushDevice(string DeviceId, string Endpoint, string P256dh, string Auth);
