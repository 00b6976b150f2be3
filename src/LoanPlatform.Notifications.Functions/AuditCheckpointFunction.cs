using LoanPlatform.BuildingBlocks.Audit;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Notifications.Functions;

/// <summary>
/// Writes the audit trail's checkpoint every five minutes (<see cref="AuditOptions.CheckpointInterval"/>'s default) with
/// this app's identity: read-only on the trail's container, the only writer of the immutable checkpoint container. It
/// lives here rather than in the Loans app so the trail's writer holds no right to write checkpoints.
/// </summary>
public sealed class AuditCheckpointFunction(AuditCheckpointWriter writer)
{
    [Function("WriteAuditCheckpoint")]
    public Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => writer.WriteAsync(cancellationToken);
}
