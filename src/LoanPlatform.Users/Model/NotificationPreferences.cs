namespace LoanPlatform.Users.Model;

/// <summary>
/// Which channels a user accepts and when push should stay quiet. At least one channel is always on, because decisions
/// about a loan must reach the customer somehow.
/// </summary>
public sealed record NotificationPreferences(bool Email, bool Push, QuietHours? QuietHours)
{
    /// <summary>What a user has until they choose: every channel, no quiet hours.</summary>
    public static NotificationPreferences Default { get; } = new(Email: true, Push: true, QuietHours: null);
}
