namespace LoanPlatform.BuildingBlocks.Tests.Storage;

/// <summary>A second document type in the same store, to show types do not see one another.</summary>
public sealed record CreditCheck(string Applicant, int Score);
