namespace LoanPlatform.Users.Contracts;

/// <summary>What the Notifications service needs to send one Web Push message to a device.</summary>
public sealed record UserContactDevice(string DeviceId, string Endpoint, string P256dh, string Auth);
