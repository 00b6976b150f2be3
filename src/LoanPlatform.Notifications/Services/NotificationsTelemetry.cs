using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LoanPlatform.Notifications.Services;

/// <summary>Spans for handling a notification (children of the change that raised the event) and delivery counters.</summary>
public static class NotificationsTelemetry
{
    public const string Name = "LoanPlatform.Notifications";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Sent = Meter.CreateCounter<long>("loanplatform.notifications.sent", description: "Notifications delivered to a channel.");

    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("loanplatform.notifications.failures", description: "Failed delivery attempts (each is retried).");

    public static readonly Counter<long> InDoubt = Meter.CreateCounter<long>("loanplatform.notifications.in_doubt", description: "Deliveries a crash left in doubt (handed to a provider that does not drop repeats, never confirmed), not sent again.");

    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("loanplatform.notifications.dead_lettered", description: "Notifications given up on after their retries.");
}
