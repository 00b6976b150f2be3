namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>A place in the spool: a segment file's number and a byte offset in it.</summary>
public sealed record AuditSpoolPosition(long Segment, long Offset);
