namespace LoanPlatform.Loans.Model;

/// <summary>
/// Remembers a client's Idempotency-Key with the hash of the request it came with and, once done, the answer, so a
/// retry gets the first answer and a reused key with another body is refused.
/// </summary>
public sealed record IdempotencyRecord(string RequestHash, string LoanId, bool Completed, DateTimeOffset CreatedAt);
