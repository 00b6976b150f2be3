namespace LoanPlatform.Users.Contracts;

/// <summary>The VAPID public key (base64url, uncompressed P-256 point) a browser passes to pushManager.subscribe as applicationServerKey.</summary>
public sealed record PushConfigResponse(string VapidPublicKey);
