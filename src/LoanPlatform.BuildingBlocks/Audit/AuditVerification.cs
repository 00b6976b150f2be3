namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// The outcome of walking every shard of a time range: how many records and shards were checked, how many checkpoint
/// entries they were held to, and where the first broken link is (its shard and sequence).
/// </summary>
public sealed record AuditVerification(bool Valid, long Checked, int Shards, int Checkpoints, string? BrokenShard, long? FirstBrokenAt);
