namespace LoanPlatform.Loans.Domain;

/// <summary>
/// The applicant's KYC outcome as the Users service reports it, kept with the application as evidence for the decider:
/// the status ("verified" when it counts), and who or which provider verified it, when.
/// </summary>
public sealed record ApplicantKyc(string Status, DateTimeOffset? VerifiedAt, string? VerifiedBy, string? VerifiedByRole, string? Provider)
{
    public const string Verified = "verified";

    public static readonly ApplicantKyc Unknown = new("unknown", null, null, null, null);
}
