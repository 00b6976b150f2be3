namespace LoanPlatform.Notifications.Model;

/// <summary>Where and how to reach a user, as the Users service's internal contact endpoint answers.</summary>
public sealed record NotificationContact(
    string UserId,
    string Email,
    string Language,
    string FirstName,
    NotificationPreferences Preferences,
    IReadOnlyList<PushDevice> Devices);
