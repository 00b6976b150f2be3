namespace LoanPlatform.Notifications.Push;

/// <summary>One file of the local push outbox.</summary>
public sealed record LocalPushEntry(string DeviceId, string EndpointHost, PushPayload Payload);
