namespace LoanPlatform.Users.Contracts;

/// <summary>
/// What the Notifications service needs to reach a user, and nothing more: no NIK, no phone, no full name. Preferences
/// and devices are read with each notification, so a change or a new device applies at once.
/// </summary>
public sealed record UserContactResponse(
    string UserId,
    string Email,
    string Language,
    string FirstName,
    NotificationPreferencesResponse Preferences,
    IReadOnlyList<UserContactDevice> Devices);
