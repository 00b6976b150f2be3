namespace LoanPlatform.Users.Events;

/// <summary>PushDeviceRemoved v1: a device stopped receiving a user's notifications (the actor tells by whom).</summary>
public sealed record PushDeviceRemoved(string UserId, string DeviceId, DateTimeOffset RemovedAt)
{
    public const int Version = 1;
}
