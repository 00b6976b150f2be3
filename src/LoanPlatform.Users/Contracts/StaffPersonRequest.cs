namespace LoanPlatform.Users.Contracts;

/// <summary>The person behind a staff identity: their NIK, and the email and phone they use.</summary>
public sealed record StaffPersonRequest(string? Nik, string? Email, string? Phone);
