namespace LoanPlatform.Users.Contracts;

/// <summary>A pre-authorized request the client makes directly against object storage: URL, method and the headers it must send.</summary>
public sealed record SignedRequestResponse(string Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);
