namespace LoanPlatform.Users.Model;

/// <summary>
/// Whether the customer is who they say they are: NotStarted → PendingReview → Verified | Rejected, and Rejected →
/// PendingReview again when they upload anew. Separate from a document's file checks, which only prove the bytes arrived.
/// </summary>
public enum KycStatus
{
    /// <summary>The KTP and the selfie have not both passed their file checks yet.</summary>
    NotStarted,

    /// <summary>Both are in; a person (or a conclusive provider answer) has still to decide.</summary>
    PendingReview,

    Verified,

    /// <summary>Refused with reasons; uploading a new KTP or selfie reopens the review.</summary>
    Rejected,
}
