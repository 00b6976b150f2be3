namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// One page of a search: records by time bucket, then shard, then sequence. <see cref="Next"/> is the opaque token that
/// continues the search (pass it back as <c>continuation</c>); null when the range is exhausted.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, string? Next);
