using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;

namespace LoanPlatform.Loans.Services;

/// <summary>Reads loans for the people allowed to see them: a customer only their own (others answer 404), staff all.</summary>
public sealed class LoanQueryService(LoanRepository loans)
{
    private const int MaxListed = 200;

    public async Task<LoanApplication> GetVisibleAsync(string loanId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var stored = await loans.FindAsync(loanId, cancellationToken);
        return stored is not null && (user.IsStaff() || stored.Value.ApplicantId == user.GetSubject())
            ? stored.Value
            : throw ProblemException.NotFound("The loan");
    }

    public async Task<IReadOnlyList<LoanSummary>> ListAsync(ClaimsPrincipal user, LoanStatus? status, string? waitingForRole, CancellationToken cancellationToken)
    {
        var query = user.IsStaff()
            ? DocumentQuery.Where("status", status ?? LoanStatus.PendingApproval)
            : status is null
                ? DocumentQuery.Where("applicantId", user.GetSubject())
                : DocumentQuery.Where("applicantId", user.GetSubject()).And("status", status.Value);
        var results = new List<LoanSummary>();
        await foreach (var doc in loans.QueryAsync(query with { MaxItems = MaxListed }, cancellationToken))
        {
            var loan = doc.Value;
            var stage = loan.Status == LoanStatus.PendingApproval && loan.CurrentStage < loan.Stages.Count ? loan.Stages[loan.CurrentStage] : null;
            results.Add(new LoanSummary(loan.LoanId, loan.ApplicantId, loan.Status, loan.Product, loan.Amount, loan.TenorMonths, stage?.CurrentRole, stage?.Deadline, loan.SubmittedAt));
        }

        // Staff work the queue by deadline, optionally only what waits for their role; customers see their newest first.
        return user.IsStaff()
            ? results.Where(r => waitingForRole is null || string.Equals(r.WaitingForRole, waitingForRole, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Deadline ?? DateTimeOffset.MaxValue).ToArray()
            : results.OrderByDescending(r => r.SubmittedAt).ToArray();
    }
}
