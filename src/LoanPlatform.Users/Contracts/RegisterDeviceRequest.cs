namespace LoanPlatform.Users.Contracts;

/// <summary>
/// A device to push to, by <see cref="Type"/>: "webpush" (or none) is a browser's PushSubscription.toJSON() (its
/// expirationTime is ignored); "fcm" is a native app's FCM registration token and its platform ("android" or "ios").
/// Either may carry a name for the device.
/// </summary>
public sealed record RegisterDeviceRequest(
    string? Type,
    string? Endpoint,
    PushSubscriptionKeysRequest? Keys,
    string? Token,
    string? Platform,
    string? Label);
