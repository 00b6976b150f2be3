namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// One page of a search, oldest first. Pages follow the trail's partitions (time bucket, then shard), so a later page may
/// hold records older than the last of an earlier one. <see cref="Next"/> is the opaque token that continues the search
/// (pass it back as <c>continuation</c>); null when the range is exhausted.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? Next);
