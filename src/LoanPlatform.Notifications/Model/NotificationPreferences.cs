namespace LoanPlatform.Notifications.Model;

/// <summary>The channels a user wants and when push must stay silent; the Users service validates and stores them.</summary>
public sealed record NotificationPreferences(bool Email, bool Push, QuietHours? QuietHours)
{
    public static readonly NotificationPreferences Default = new(Email: true, Push: true, QuietHours: null);
}
