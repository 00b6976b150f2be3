namespace LoanPlatform.Users.Contracts;

/// <summary>The subscription's keys, base64url: the browser's P-256 public key and the 16-byte authentication secret.</summary>
public sealed record PushSubscriptionKeysRequest(string? P256dh, string? Auth);
