namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>Records read from the spool, and the position just past them to commit once they are in the trail.</summary>
public sealed record AuditSpoolBatch(IReadOnlyList<AuditRecord> Records, AuditSpoolPosition Next);
