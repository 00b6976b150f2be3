namespace LoanPlatform.Users.Contracts;

public sealed record UserDataExportConsent(string Version, DateTimeOffset AcceptedAt);
