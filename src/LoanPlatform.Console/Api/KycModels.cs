namespace LoanPlatform.Console.Api;

// The staff KYC review contract: GET /users/kyc-reviews, GET /users/{userId}/kyc, POST /users/{userId}/kyc/decisions.

/// <summary>An e-KYC provider's answer, when one checked: its conclusion and reason codes.</summary>
public sealed record AutomatedCheck(string Provider, string Outcome, IReadOnlyList<string>? Reasons, string? Reference, DateTimeOffset CheckedAt)
{
    public override string ToString() => $"{Provider}: {Outcome}" + (Reasons is { Count: > 0 } ? $" ({string.Join(", ", Reasons)})" : "");
}

public sealed record KycReviewItem(string UserId, string FullName, string Status, DateTimeOffset? SubmittedAt, AutomatedCheck? AutomatedCheck);

public sealed record KycReviewPage(IReadOnlyList<KycReviewItem> Items, string? ContinuationToken);

public sealed record KycDocument(string DocumentId, string Type, string ContentType, long SizeBytes, string Sha256, string Status, string? ReadUrl, DateTimeOffset? ReadUrlExpiresAt);

public sealed record KycCase(string UserId, string FullName, string Nik, DateOnly DateOfBirth, string Status, DateTimeOffset? SubmittedAt, AutomatedCheck? AutomatedCheck, IReadOnlyList<KycDocument> Documents);

public sealed record KycDecision(string Decision, string Reason);

public static class KycStatuses
{
    public const string PendingReview = "pendingReview";
    public const string Verified = "verified";
}
