namespace LoanPlatform.Users.Auth;

/// <summary>The body of Auth's POST /internal/auth/credentials.</summary>
public sealed record CreateCredentialRequest(string UserId, string Email, string Password, IReadOnlyList<string> Roles);
