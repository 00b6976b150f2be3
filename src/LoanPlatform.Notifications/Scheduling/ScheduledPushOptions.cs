namespace LoanPlatform.Notifications.Scheduling;

/// <summary>The <c>Notifications:ScheduledPush</c> section.</summary>
public sealed class ScheduledPushOptions
{
    public const string SectionName = "Notifications:ScheduledPush";

    /// <summary>How often the local host looks for due pushes (the Function app's timer runs every minute).</summary>
    public TimeSpan ReleaseInterval { get; set; } = TimeSpan.FromSeconds(30);
}
