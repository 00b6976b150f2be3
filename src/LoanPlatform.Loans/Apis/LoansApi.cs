using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Loans.Apis;

/// <summary>The public Loans API under /loans. Handlers are static so the Function app calls the very same code.</summary>
public static class LoansApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string DecidersPolicy = "LoanDeciders";

    public static IEndpointRouteBuilder MapLoansApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/loans").WithTags("Loans").RequireAuthorization();

        api.MapPost("/", Apply).WithName("ApplyForLoan").WithSummary("Apply for a loan (needs a verified identity, kyc.status verified, else 409; Idempotency-Key required)")
            .RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Customer));
        api.MapGet("/", List).WithName("ListLoans").WithSummary("A customer's own loans, or the staff work queue by status (default pendingApproval) and waiting role, earliest deadline first");
        api.MapGet("/{loanId}", Get).WithName("GetLoan").WithSummary("A loan's state, amounts, score with reasons, current stage and deadline; for staff also the applicant's KYC outcome, the schedule preview and the history");
        api.MapGet("/{loanId}/history", History).WithName("GetLoanHistory").WithSummary("The loan's immutable timeline of transitions and decisions (the applicant sees staff by role, never by id)");
        api.MapGet("/{loanId}/schedule", Schedule).WithName("GetLoanSchedule").WithSummary("The repayment schedule of an approved loan");
        api.MapPost("/{loanId}/decisions", Decide).WithName("DecideLoan").WithSummary("An officer approves, rejects or refers back the current approval stage; 403 for the applicant's own person or for the KYC verifier giving the only approval")
            .RequireAuthorization(DecidersPolicy);
        api.MapPost("/{loanId}/information", ProvideInformation).WithName("ProvideLoanInformation").WithSummary("The applicant answers an officer's request for more information")
            .RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Customer));
        api.MapPost("/{loanId}/cancel", Cancel).WithName("CancelLoan").WithSummary("The applicant withdraws the application before the final decision")
            .RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Customer));
        return app;
    }

    public static async Task<Accepted<LoanAccepted>> Apply(
        ApplyForLoanRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user,
        LoanApplicationService applications,
        LoanWorkflowEngine engine,
        CancellationToken cancellationToken)
    {
        var accepted = await applications.ApplyAsync(user.GetSubject(), idempotencyKey, request, engine, cancellationToken);
        return TypedResults.Accepted($"/loans/{accepted.LoanId}", accepted);
    }

    public static async Task<Ok<IReadOnlyList<LoanSummary>>> List(ClaimsPrincipal user, LoanQueryService queries, string? status, string? role, CancellationToken cancellationToken)
    {
        LoanStatus? filter = null;
        if (status is not null)
        {
            filter = Enum.TryParse<LoanStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw ProblemException.BadRequest("unknown-status", $"Unknown status '{status}'.");
        }

        return TypedResults.Ok(await queries.ListAsync(user, filter, role, cancellationToken));
    }

    public static async Task<Ok<LoanView>> Get(string loanId, ClaimsPrincipal user, LoanQueryService queries, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(LoanView.From(await queries.GetVisibleAsync(loanId, user, cancellationToken), user.IsStaff(), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));

    public static async Task<Ok<IReadOnlyList<LoanHistoryEntry>>> History(string loanId, ClaimsPrincipal user, LoanQueryService queries, CancellationToken cancellationToken)
    {
        var history = (await queries.GetVisibleAsync(loanId, user, cancellationToken)).History;
        return TypedResults.Ok(user.IsStaff() ? history : history.Select(entry => entry.ForApplicant()).ToArray());
    }

    public static async Task<Ok<LoanSchedule>> Schedule(string loanId, ClaimsPrincipal user, LoanQueryService queries, CancellationToken cancellationToken)
    {
        var loan = await queries.GetVisibleAsync(loanId, user, cancellationToken);
        if (loan.Status != LoanStatus.Approved)
        {
            throw ProblemException.Conflict("schedule-not-available", $"A schedule exists once the loan is approved; it is {loan.Status}.");
        }

        var installments = loan.Schedule;
        return TypedResults.Ok(new LoanSchedule(
            loan.LoanId, loan.ApprovedAmount ?? loan.Amount, loan.TenorMonths, loan.MonthlyRatePercent, loan.InterestMethod,
            installments.Sum(i => i.Interest), installments.Sum(i => i.Fee), installments.Sum(i => i.Total), installments));
    }

    public static async Task<Accepted<LoanAccepted>> Decide(
        string loanId, DecisionRequest request, ClaimsPrincipal user, LoanDecisionService decisions, LoanWorkflowEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/loans/{loanId}", await decisions.DecideAsync(loanId, user, request, engine, cancellationToken));

    public static async Task<Accepted<LoanAccepted>> ProvideInformation(
        string loanId, ProvideInformationRequest request, ClaimsPrincipal user, LoanDecisionService decisions, LoanWorkflowEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/loans/{loanId}", await decisions.ProvideInformationAsync(loanId, user.GetSubject(), request, engine, cancellationToken));

    public static async Task<Accepted<LoanAccepted>> Cancel(
        string loanId, CancelRequest? request, ClaimsPrincipal user, LoanDecisionService decisions, LoanWorkflowEngine engine, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/loans/{loanId}", await decisions.CancelAsync(loanId, user.GetSubject(), request ?? new CancelRequest(null), engine, cancellationToken));
}
