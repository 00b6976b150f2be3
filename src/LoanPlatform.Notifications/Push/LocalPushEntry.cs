namespace LoanPlatform.Notifications.Push;

/// <summary>One file of the local push outbox: the device, its type, and for Web Push the push service's host.</summary>
public sealed record LocalPushEntry(string DeviceId, string Type, string? EndpointHost, PushPayload Payload);
