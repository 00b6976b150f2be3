namespace LoanPlatform.Users.Contracts;

/// <summary>The optional body of DELETE /users/me: the password, when the sign-in is not fresh.</summary>
public sealed record EraseRequest(string? Password);
