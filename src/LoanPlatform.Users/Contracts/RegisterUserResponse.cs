namespace LoanPlatform.Users.Contracts;

public sealed record RegisterUserResponse(string UserId);
