namespace LoanPlatform.Users.Auth;

/// <summary>The body of Auth's POST /internal/auth/password-hashes, and its answer.</summary>
public sealed record PasswordHashRequest(string Email, string Password);

public sealed record PasswordHashResponse(string PasswordHash);

/// <summary>The body of Auth's POST /internal/auth/credentials/{userId}/password-checks.</summary>
public sealed record PasswordCheckRequest(string Email, string Password);

public sealed record PasswordCheckResponse(bool Matches);
