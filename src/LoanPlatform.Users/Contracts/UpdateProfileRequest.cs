namespace LoanPlatform.Users.Contracts;

/// <summary>A partial update: absent fields stay as they are.</summary>
public sealed record UpdateProfileRequest(string? FullName, string? Phone, string? Language);
