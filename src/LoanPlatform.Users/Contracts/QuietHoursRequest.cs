namespace LoanPlatform.Users.Contracts;

public sealed record QuietHoursRequest(string? Start, string? End, string? TimeZone);
