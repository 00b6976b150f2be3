namespace LoanPlatform.Users.Events;

/// <summary>PushDeviceRegistered v1: a browser subscription or an app's FCM token was registered or renewed; never its endpoint, keys or token.</summary>
public sealed record PushDeviceRegistered(string UserId, string DeviceId, bool Created, DateTimeOffset RegisteredAt)
{
    public const int Version = 1;
}
