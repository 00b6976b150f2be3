using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Users.Model;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Users.Functions;

/// <summary>The outbox sweeper on a timer: republishes user events a crash or a failed publish left in their profiles.</summary>
public sealed class UserOutboxFunctions(OutboxSweeper<UserProfile> sweeper)
{
    [Function("SweepUserOutbox")]
    public Task Sweep([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);
}
