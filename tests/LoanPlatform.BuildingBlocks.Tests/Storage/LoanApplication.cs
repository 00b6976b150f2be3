namespace LoanPlatform.BuildingBlocks.Tests.Storage;

public sealed record LoanApplication(string Applicant, decimal Amount, string Status, int TermMonths, bool Urgent);
