namespace LoanPlatform.Users.Auth;

/// <summary>The body of Auth's POST /internal/auth/password-hashes, and its answer.</summary>
public sealed record PasswordHashRequest(string Email, string Password);

public sealed record PasswordHashResponse(string PasswordHash);
