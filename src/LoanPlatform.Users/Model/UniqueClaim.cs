namespace LoanPlatform.Users.Model;

/// <summary>
/// A reservation of one unique value (document type "unique_claim"). Its id is derived from the value, so the store's
/// create-if-absent decides races between concurrent registrations instead of a read-then-write check.
/// </summary>
public sealed record UniqueClaim(string UserId, UniqueField Field, DateTimeOffset ClaimedAt);
