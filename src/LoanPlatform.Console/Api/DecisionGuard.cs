using LoanPlatform.Console.Identity;

namespace LoanPlatform.Console.Api;

/// <summary>
/// Why this officer may not decide this loan now, read from what the API shows (the loan's stages, its applicant and the
/// officer's token), so the form can say so before the click. The API stays the judge: a rule it holds that this view
/// cannot see (e.g. the same person behind two accounts) still comes back as its problem, shown as a message.
/// </summary>
public static class DecisionGuard
{
    /// <summary>A text key per refusal, or null when the form may be used.</summary>
    public static string? RefusalOf(LoanDetail loan, OfficerIdentity officer)
    {
        if (loan.Status != LoanStatuses.PendingApproval || loan.CurrentStage is null)
        {
            return "refusal.closed";
        }

        if (loan.ApplicantId == officer.Subject)
        {
            return "refusal.own";
        }

        if (loan.CurrentStage.WaitingForRole == "Applicant")
        {
            return "refusal.applicant";
        }

        // Before the role: to the officer who gave an earlier approval, four eyes is the reason that matters.
        if (loan.Stages.Any(s => s.DecidedBy == officer.Subject && s.Decision == "approve"))
        {
            return "refusal.fourEyes";
        }

        return officer.Roles.Contains(loan.CurrentStage.WaitingForRole) ? null : "refusal.role";
    }

    /// <summary>
    /// Why this officer may reject or refer but not approve: whoever verified the applicant's KYC does not also give the
    /// only approval of their loan. A text key, or null.
    /// </summary>
    public static string? ApprovalRefusalOf(LoanDetail loan, OfficerIdentity officer) =>
        loan.Stages.Count == 1 && loan.Kyc?.VerifiedBy is { } verifier && verifier == officer.Subject ? "refusal.kycVerifier" : null;
}
