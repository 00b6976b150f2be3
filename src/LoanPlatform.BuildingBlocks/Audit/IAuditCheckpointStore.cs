namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// The immutable store of checkpoints: a Blob container with a time-based immutability policy in Azure, an append-only
/// file locally. Checkpoints are only ever added.
/// </summary>
public interface IAuditCheckpointStore
{
    Task AppendAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>The checkpoints written between <paramref name="from"/> and <paramref name="to"/>, oldest first.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
