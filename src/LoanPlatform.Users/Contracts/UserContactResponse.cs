namespace LoanPlatform.Users.Contracts;

/// <summary>What the Notifications service needs to reach a user, and nothing more: no NIK, no phone, no full name.</summary>
public sealed record UserContactResponse(string UserId, string Email, string Language, string FirstName);
