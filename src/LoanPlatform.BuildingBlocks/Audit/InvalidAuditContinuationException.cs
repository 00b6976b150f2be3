namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>A continuation token that this trail did not hand out.</summary>
public sealed class InvalidAuditContinuationException() : Exception("The continuation token is not one this search returned.");
