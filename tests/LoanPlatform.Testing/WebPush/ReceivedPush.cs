namespace LoanPlatform.Testing.WebPush;

/// <summary>A message the stand-in push service accepted: decrypted payload, the VAPID key and claims, and the protocol headers.</summary>
public sealed record ReceivedPush(string SubscriptionId, string Payload, string VapidPublicKey, string Audience, string Subject, DateTimeOffset Expires, int TimeToLive, string? Urgency);
