namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>Per-write settings. A time to live makes the document disappear from reads once it has passed.</summary>
public sealed record DocumentWriteOptions(TimeSpan? TimeToLive = null);
