namespace LoanPlatform.Users.Objects;

/// <summary>What a client said it would upload; the stored object must match all of it.</summary>
public sealed record DeclaredObject(string ContentType, long SizeBytes, string Sha256Hex);
