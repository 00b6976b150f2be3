namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>The outcome of walking the chain: how many records were checked and the sequence of the first broken link.</summary>
public sealed record AuditVerification(bool Valid, long Checked, long? FirstBrokenAt);
