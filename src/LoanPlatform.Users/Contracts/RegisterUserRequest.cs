namespace LoanPlatform.Users.Contracts;

/// <summary>Fields are nullable strings so that every missing or malformed one is reported together in one 400.</summary>
public sealed record RegisterUserRequest(
    string? FullName,
    string? Email,
    string? Phone,
    string? Nik,
    string? DateOfBirth,
    string? Password,
    ConsentRequest? Consent,
    string? Language);
