namespace LoanPlatform.Notifications.Queue;

/// <summary>
/// The local queue's retry rule, matching the Storage queue's: <see cref="MaxAttempts"/> deliveries (host.json
/// maxDequeueCount), then the dead letters. Backoff doubles from <see cref="InitialDelay"/>.
/// </summary>
public sealed class NotificationRetryOptions
{
    public const string SectionName = "Notifications:Retry";

    public int MaxAttempts { get; set; } = 5;

    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(2);
}
