namespace LoanPlatform.Users.Contracts;

/// <summary>What the client is about to upload; the stored object must match it exactly before it counts.</summary>
public sealed record RequestDocumentRequest(string? Type, string? ContentType, long? SizeBytes, string? Sha256);
