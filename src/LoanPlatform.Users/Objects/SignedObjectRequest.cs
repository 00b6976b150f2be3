namespace LoanPlatform.Users.Objects;

/// <summary>A pre-authorized HTTP request against the object store; the client must send <see cref="Headers"/> as given.</summary>
public sealed record SignedObjectRequest(Uri Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);
