using LoanPlatform.Console.Api;
using LoanPlatform.Console.Identity;

namespace LoanPlatform.Console.Tests;

/// <summary>What the decision form says before the click, from what the API shows of the loan and the officer's token.</summary>
public sealed class DecisionGuardTests
{
    private static readonly OfficerIdentity Officer = new("staff-officer1", "officer1", [OfficerIdentity.LoanOfficer]);

    private static LoanDetail Loan(string status = LoanStatuses.PendingApproval, string applicant = "customer-1", string waitingFor = "LoanOfficer", LoanStage[]? earlier = null, LoanKycEvidence? kyc = null)
    {
        var current = new LoanStage("officer-review", waitingFor, DateTimeOffset.UtcNow.AddHours(1), false, null, null);
        return new LoanDetail(
            "loan-1", applicant, status, "cash-loan", 10_000_000, null, 12, "Renovasi", 1.5m, "annuity", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null,
            status == LoanStatuses.PendingApproval ? current : null, [.. earlier ?? [], current], kyc);
    }

    [Fact]
    public void An_officer_of_the_waiting_role_may_decide() => Assert.Null(DecisionGuard.RefusalOf(Loan(), Officer));

    [Fact]
    public void A_closed_stage_refuses_everyone() => Assert.Equal("refusal.closed", DecisionGuard.RefusalOf(Loan(status: LoanStatuses.Approved), Officer));

    [Fact]
    public void Nobody_decides_their_own_loan() => Assert.Equal("refusal.own", DecisionGuard.RefusalOf(Loan(applicant: "staff-officer1"), Officer));

    [Fact]
    public void A_referred_application_waits_for_the_applicant() => Assert.Equal("refusal.applicant", DecisionGuard.RefusalOf(Loan(waitingFor: "Applicant"), Officer));

    [Fact]
    public void A_stage_of_another_role_is_refused() => Assert.Equal("refusal.role", DecisionGuard.RefusalOf(Loan(waitingFor: "SeniorLoanOfficer"), Officer));

    [Fact]
    public void The_officer_who_approved_an_earlier_stage_is_told_four_eyes_even_in_the_right_role()
    {
        var senior = new OfficerIdentity("staff-x", "x", [OfficerIdentity.LoanOfficer, OfficerIdentity.SeniorLoanOfficer]);
        var approved = new LoanStage("officer-review", "LoanOfficer", null, false, "staff-x", "approve");
        Assert.Equal("refusal.fourEyes", DecisionGuard.RefusalOf(Loan(waitingFor: "SeniorLoanOfficer", earlier: [approved]), senior));
    }

    [Fact]
    public void The_KYC_verifier_may_not_give_the_only_approval_but_may_give_one_of_two()
    {
        var verifiedByOfficer = new LoanKycEvidence("verified", DateTimeOffset.UtcNow, "staff-officer1", "LoanOfficer", null);
        Assert.Equal("refusal.kycVerifier", DecisionGuard.ApprovalRefusalOf(Loan(kyc: verifiedByOfficer), Officer));
        Assert.Null(DecisionGuard.ApprovalRefusalOf(Loan(kyc: verifiedByOfficer with { VerifiedBy = "staff-admin" }), Officer));

        var firstOfTwo = new LoanStage("officer-review", "LoanOfficer", null, false, null, null);
        Assert.Null(DecisionGuard.ApprovalRefusalOf(Loan(waitingFor: "LoanOfficer", earlier: [firstOfTwo], kyc: verifiedByOfficer), Officer));
    }
}
