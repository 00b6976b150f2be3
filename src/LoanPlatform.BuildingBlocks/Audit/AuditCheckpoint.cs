namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// What the checkpoint writer saw at <see cref="Time"/>: the last record of every shard that grew since its previous
/// checkpoint. Kept where the trail's writer cannot change it, so a chain rewritten afterwards no longer matches.
/// </summary>
public sealed record AuditCheckpoint(DateTimeOffset Time, IReadOnlyList<AuditShardTail> Shards);
