namespace LoanPlatform.Users.Contracts;

/// <summary>
/// What the Notifications service needs to push to one device: for "webpush" the endpoint and keys, for "fcm" the
/// registration token (the others are left out).
/// </summary>
public sealed record UserContactDevice(string DeviceId, string Type, string? Endpoint, string? P256dh, string? Auth, string? Token);
