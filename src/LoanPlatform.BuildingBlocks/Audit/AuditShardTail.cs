namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>The last record of one shard's chain: its partition, sequence and hash (sequence 0 and the genesis hash when empty).</summary>
public sealed record AuditShardTail(string Shard, long Sequence, string Hash);
