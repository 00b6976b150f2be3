namespace LoanPlatform.Users.Contracts;

/// <summary>A browser's PushSubscription.toJSON() (its expirationTime is ignored) and an optional name for the device.</summary>
public sealed record RegisterDeviceRequest(string? Endpoint, PushSubscriptionKeysRequest? Keys, string? Label);
