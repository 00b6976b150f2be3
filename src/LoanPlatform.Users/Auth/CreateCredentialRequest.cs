namespace LoanPlatform.Users.Auth;

/// <summary>The body of Auth's POST /internal/auth/credentials: the password as the hash Auth made of it at registration.</summary>
public sealed record CreateCredentialRequest(string UserId, string Email, IReadOnlyList<string> Roles, string PasswordHash);
