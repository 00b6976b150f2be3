using LoanPlatform.Auth.Model;
using LoanPlatform.BuildingBlocks.Outbox;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Auth.Functions;

/// <summary>
/// The outbox sweepers on a timer: republish the account events (to the audit trail, among others) that a crash or a
/// failed publish left in credentials and refresh sessions.
/// </summary>
public sealed class AuthOutboxFunctions(OutboxSweeper<Credential> credentials, OutboxSweeper<RefreshSession> sessions)
{
    [Function("SweepAuthOutbox")]
    public async Task Sweep([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await credentials.SweepAsync(cancellationToken);
        await sessions.SweepAsync(cancellationToken);
    }
}
