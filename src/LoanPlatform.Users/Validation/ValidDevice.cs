using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Validation;

/// <summary>
/// A device registration that passed every rule: its type and id, then the Web Push endpoint and keys or the FCM token
/// and platform, and a trimmed label.
/// </summary>
public sealed record ValidDevice(
    string Type, string DeviceId, string? Endpoint, string? P256dh, string? Auth, string? Token, string? Platform, string? Label)
{
    /// <summary>Applies this registration to <paramref name="device"/>; a label the registration does not repeat is kept.</summary>
    public PushDevice ApplyTo(PushDevice device, DateTimeOffset now) => device with
    {
        Type = Type,
        Endpoint = Endpoint,
        P256dh = P256dh,
        Auth = Auth,
        Token = Token,
        Platform = Platform,
        Label = Label ?? device.Label,
        UpdatedAt = now,
    };

    // The endpoint, keys and token let anyone push to the device; keep them out of any accidental log line.
    public override string ToString() => $"{nameof(ValidDevice)} {{ Type = {Type}, DeviceId = {DeviceId} }}";
}
