namespace LoanPlatform.Users.Contracts;

public sealed record ConsentRequest(bool Accepted, string? Version);
