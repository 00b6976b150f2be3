namespace LoanPlatform.Auth.Model;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record LogoutRequest(string? RefreshToken);

/// <summary>The owner of a locked account ends the lock with the code their email received.</summary>
public sealed record UnlockRequest(string? Email, string? Code);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");

/// <summary>
/// Internal: the Users service creates a customer's credential once the registration is verified, with the password, or
/// with the hash this service made of it when the registration began (<see cref="PasswordHashRequest"/>), so the
/// password itself is never kept while the email is being verified.
/// </summary>
public sealed record CreateCredentialRequest(string? UserId, string? Email, string? Password, IReadOnlyList<string>? Roles, string? PasswordHash = null);

/// <summary>Internal: checks a password against the password policy for <paramref name="Email"/> and hashes it.</summary>
public sealed record PasswordHashRequest(string? Email, string? Password);

public sealed record PasswordHashResponse(string PasswordHash);

/// <summary>Internal: the Users service has a signed-in user prove their password again before an irreversible step.</summary>
public sealed record PasswordCheckRequest(string? Email, string? Password);

/// <summary>False also when the account is locked or is not that user's: a locked account proves nothing.</summary>
public sealed record PasswordCheckResponse(bool Matches);
