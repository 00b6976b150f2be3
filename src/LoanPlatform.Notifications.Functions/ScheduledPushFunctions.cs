using LoanPlatform.Notifications.Scheduling;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Notifications.Functions;

/// <summary>Every minute, puts pushes whose quiet hours have ended back on the notifications queue.</summary>
public sealed class ScheduledPushFunctions(ScheduledPushes scheduledPushes)
{
    [Function("ReleaseScheduledPushes")]
    public Task Release([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => scheduledPushes.ReleaseDueAsync(cancellationToken);
}
