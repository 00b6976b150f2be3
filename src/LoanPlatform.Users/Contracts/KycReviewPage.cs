namespace LoanPlatform.Users.Contracts;

/// <summary>A page of the review queue, oldest submission first; pass <see cref="ContinuationToken"/> back for the next.</summary>
public sealed record KycReviewPage(IReadOnlyList<KycReviewQueueItem> Items, string? ContinuationToken);
