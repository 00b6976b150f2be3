namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>The chain's head: the last appended sequence and hash, advanced only by an ETag-checked replace.</summary>
public sealed record AuditChainHead(long LastSequence, string LastHash);
