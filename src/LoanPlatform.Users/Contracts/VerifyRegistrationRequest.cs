namespace LoanPlatform.Users.Contracts;

/// <summary>The email a registration was started with and the six-digit code sent to it.</summary>
public sealed record VerifyRegistrationRequest(string? Email, string? Code);
