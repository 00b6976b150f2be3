using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Loans.Domain;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Loans.Tests;

/// <summary>The four-eyes rules are checked before anything reaches the orchestration, on the embedded store.</summary>
public sealed class LoanDecisionRulesTests : IAsyncLifetime
{
    private EmbeddedLoansHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await EmbeddedLoansHost.StartAsync(services =>
        {
            // The rules tested here refuse before the customer directory is asked; nothing answers at this address.
            services.AddHttpClient<UsersDirectoryClient>(http => http.BaseAddress = new Uri("http://127.0.0.1:9"));
            services.AddSingleton<LoanDecisionService>();
        });

    [Fact]
    public async Task An_officer_never_decides_their_own_application()
    {
        var loan = await StorePendingLoanAsync(applicantId: "staff-officer1");

        var refusal = await Assert.ThrowsAsync<ProblemException>(() => Decide(loan, Officer("staff-officer1", PlatformRoles.LoanOfficer), "approve"));

        Assert.Equal((403, "own-application"), (refusal.Status, refusal.Type));
    }

    [Fact]
    public async Task An_officer_who_approved_an_earlier_stage_cannot_approve_the_next()
    {
        var loan = await StorePendingLoanAsync(applicantId: "customer-1", firstStageApprovedBy: "staff-admin", currentStage: 1, currentRole: PlatformRoles.Admin);

        var refusal = await Assert.ThrowsAsync<ProblemException>(() => Decide(loan, Officer("staff-admin", PlatformRoles.Admin), "approve"));

        Assert.Equal((409, "four-eyes"), (refusal.Status, refusal.Type));
    }

    [Fact]
    public async Task An_officer_of_another_role_than_the_stage_needs_is_refused()
    {
        var loan = await StorePendingLoanAsync(applicantId: "customer-1");

        var refusal = await Assert.ThrowsAsync<ProblemException>(() => Decide(loan, Officer("staff-senior", PlatformRoles.SeniorLoanOfficer), "approve"));

        Assert.Equal((403, "wrong-role"), (refusal.Status, refusal.Type));
    }

    [Fact]
    public async Task An_approval_above_the_requested_amount_is_refused()
    {
        var loan = await StorePendingLoanAsync(applicantId: "customer-1");

        var refusal = await Assert.ThrowsAsync<ProblemException>(() => Decide(loan, Officer("staff-officer1", PlatformRoles.LoanOfficer), "approve", approvedAmount: 20_000_000));

        Assert.Equal((400, "amount-above-requested"), (refusal.Status, refusal.Type));
    }

    [Fact]
    public async Task The_officer_who_verified_the_applicants_identity_does_not_give_the_only_approval()
    {
        var loan = await StorePendingLoanAsync(applicantId: "customer-1", kycVerifiedBy: "staff-officer1");

        var refusal = await Assert.ThrowsAsync<ProblemException>(() => Decide(loan, Officer("staff-officer1", PlatformRoles.LoanOfficer), "approve"));

        Assert.Equal((403, "kyc-verifier-sole-approver"), (refusal.Status, refusal.Type));
    }

    [Fact]
    public async Task The_identity_verifier_may_give_one_of_two_approvals()
    {
        var loan = await StorePendingLoanAsync(applicantId: "customer-1", firstStageApprovedBy: "staff-officer2", currentStage: 1, kycVerifiedBy: "staff-admin", currentRole: PlatformRoles.Admin);

        // Past the verifier rule, the next check asks the customer directory, which does not answer here.
        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => Decide(loan, Officer("staff-admin", PlatformRoles.Admin), "approve"));

        Assert.False(refusal is ProblemException { Type: "kyc-verifier-sole-approver" });
    }

    // These refusals happen before the engine is consulted, so no engine is needed to observe them.
    private Task<LoanAccepted> Decide(string loanId, ClaimsPrincipal officer, string decision, long? approvedAmount = null) =>
        _host.Services.GetRequiredService<LoanDecisionService>().DecideAsync(loanId, officer, new DecisionRequest(decision, "reason", approvedAmount), null!, CancellationToken.None);

    private static ClaimsPrincipal Officer(string id, string role) =>
        new(new ClaimsIdentity([new Claim(PlatformClaims.Subject, id), new Claim(PlatformClaims.Roles, role)], "test", PlatformClaims.Subject, PlatformClaims.Roles));

    private async Task<string> StorePendingLoanAsync(
        string applicantId, string? firstStageApprovedBy = null, int currentStage = 0, string currentRole = PlatformRoles.LoanOfficer, string? kycVerifiedBy = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var deadline = DateTimeOffset.UtcNow.AddHours(1);
        var first = new ApprovalStage { Name = "officer-review", Role = PlatformRoles.LoanOfficer, SlaHours = 24, Deadline = deadline };
        var stages = currentStage == 0
            ? new[] { first }
            : [first with { Decision = new LoanDecisionRecord("d1", firstStageApprovedBy!, PlatformRoles.LoanOfficer, DecisionKind.Approve, null, DateTimeOffset.UtcNow) },
               new ApprovalStage { Name = "senior-review", Role = currentRole, SlaHours = 24, Deadline = deadline }];
        await _host.Services.GetRequiredService<LoanRepository>().CreateAsync(new LoanApplication
        {
            LoanId = id,
            ApplicantId = applicantId,
            Product = "cash-loan",
            WorkflowVersion = 1,
            Amount = 10_000_000,
            TenorMonths = 12,
            Purpose = "Test",
            MonthlyIncome = 20_000_000,
            Status = LoanStatus.PendingApproval,
            SubmittedAt = DateTimeOffset.UtcNow,
            Stages = stages,
            CurrentStage = currentStage,
            WaitRound = 1,
            Kyc = kycVerifiedBy is null ? null : new ApplicantKyc(ApplicantKyc.Verified, DateTimeOffset.UtcNow, kycVerifiedBy, PlatformRoles.Admin, null),
        }, CancellationToken.None);
        return id;
    }

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();
}
