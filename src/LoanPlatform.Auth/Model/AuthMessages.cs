namespace LoanPlatform.Auth.Model;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record LogoutRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");

/// <summary>Internal: the Users service creates a customer's credential as part of registration.</summary>
public sealed record CreateCredentialRequest(string? UserId, string? Email, string? Password, IReadOnlyList<string>? Roles);
