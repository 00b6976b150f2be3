namespace LoanPlatform.Users.Model;

/// <summary>
/// The customer's KYC, kept in the profile so one ETag covers it. The transitions are guarded here; a move the state does
/// not allow is an <see cref="InvalidOperationException"/> for the caller to turn into its problem.
/// </summary>
public sealed record KycState(KycStatus Status, DateTimeOffset? SubmittedAt, AutomatedKycCheck? AutomatedCheck, KycDecision? Decision)
{
    public static readonly KycState NotStarted = new(KycStatus.NotStarted, null, null, null);

    public DateTimeOffset? VerifiedAt => Status == KycStatus.Verified ? Decision?.At : null;

    /// <summary>Documents that passed their file checks go to review; after a rejection, new ones reopen it.</summary>
    public bool CanSubmit => Status is KycStatus.NotStarted or KycStatus.Rejected;

    public KycState Submit(DateTimeOffset at, AutomatedKycCheck? automatedCheck) =>
        CanSubmit ? new KycState(KycStatus.PendingReview, at, automatedCheck, null) : throw NotFrom(KycStatus.PendingReview);

    public KycState Decide(KycDecision decision) =>
        Status == KycStatus.PendingReview && decision.Outcome is KycStatus.Verified or KycStatus.Rejected
            ? this with { Status = decision.Outcome, Decision = decision }
            : throw NotFrom(decision.Outcome);

    /// <summary>A verified identity whose name changed is checked again against the KTP.</summary>
    public KycState Reopen(DateTimeOffset at) =>
        Status == KycStatus.Verified ? new KycState(KycStatus.PendingReview, at, null, null) : throw NotFrom(KycStatus.PendingReview);

    private InvalidOperationException NotFrom(KycStatus next) => new($"A {Status} KYC cannot become {next}.");
}
