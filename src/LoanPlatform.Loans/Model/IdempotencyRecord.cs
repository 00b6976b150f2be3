namespace LoanPlatform.Loans.Model;

/// <summary>
/// How the previous release remembered a client's Idempotency-Key (the hash of the request and the loan it created);
/// kept 24 h. Now the key names the loan itself; only <c>LoanApplicationService</c> still reads these, for retries of
/// requests made before the release, until they have expired.
/// </summary>
public sealed record IdempotencyRecord(string RequestHash, string LoanId, bool Completed, DateTimeOffset CreatedAt);
