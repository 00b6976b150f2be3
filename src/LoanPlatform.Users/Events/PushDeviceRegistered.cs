namespace LoanPlatform.Users.Events;

/// <summary>PushDeviceRegistered v1: a browser subscription was registered or renewed; never its endpoint or keys.</summary>
public sealed record PushDeviceRegistered(string UserId, string DeviceId, bool Created, DateTimeOffset RegisteredAt)
{
    public const int Version = 1;
}
