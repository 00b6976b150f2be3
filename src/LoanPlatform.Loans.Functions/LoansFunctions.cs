using LoanPlatform.BuildingBlocks.Http;
using LoanPlatform.Loans.Apis;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PlatformRoles = LoanPlatform.BuildingBlocks.Security.PlatformRoles;

namespace LoanPlatform.Loans.Functions;

/// <summary>
/// HTTP triggers for <see cref="LoansApi"/>: same names, routes and authorization, and the same handlers. The workflow
/// engine wraps the invocation's [DurableClient]. Attributes are per function because ASP.NET Core combines a group's
/// RequireAuthorization() with an endpoint's role policy into the role policy alone; the architecture tests compare them.
/// </summary>
public sealed class LoansFunctions(LoanApplicationService applications, LoanDecisionService decisions, LoanQueryService queries, TimeProvider time)
{
    [Function("ApplyForLoan")]
    [Authorize(Roles = PlatformRoles.Customer)]
    public async Task<IResult> Apply(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "loans")] HttpRequest req, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await LoansApi.Apply(
            await req.ReadJsonAsync<ApplyForLoanRequest>(cancellationToken), req.Headers[LoansApi.IdempotencyKeyHeader].FirstOrDefault(), req.HttpContext.User,
            applications, new LoanWorkflowEngine(client), cancellationToken);

    [Function("ListLoans")]
    [Authorize]
    public async Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "loans")] HttpRequest req, CancellationToken cancellationToken) =>
        await LoansApi.List(req.HttpContext.User, queries, req.Query["status"].FirstOrDefault(), req.Query["role"].FirstOrDefault(), cancellationToken);

    [Function("GetLoan")]
    [Authorize]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "loans/{loanId}")] HttpRequest req, string loanId, CancellationToken cancellationToken) =>
        await LoansApi.Get(loanId, req.HttpContext.User, queries, time, cancellationToken);

    [Function("GetLoanHistory")]
    [Authorize]
    public async Task<IResult> History(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "loans/{loanId}/history")] HttpRequest req, string loanId, CancellationToken cancellationToken) =>
        await LoansApi.History(loanId, req.HttpContext.User, queries, cancellationToken);

    [Function("GetLoanSchedule")]
    [Authorize]
    public async Task<IResult> Schedule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "loans/{loanId}/schedule")] HttpRequest req, string loanId, CancellationToken cancellationToken) =>
        await LoansApi.Schedule(loanId, req.HttpContext.User, queries, cancellationToken);

    [Function("DecideLoan")]
    [Authorize]
    [Authorize(Policy = LoansApi.DecidersPolicy)]
    public async Task<IResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "loans/{loanId}/decisions")] HttpRequest req, string loanId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await LoansApi.Decide(loanId, await req.ReadJsonAsync<DecisionRequest>(cancellationToken), req.HttpContext.User, decisions, new LoanWorkflowEngine(client), cancellationToken);

    [Function("ProvideLoanInformation")]
    [Authorize(Roles = PlatformRoles.Customer)]
    public async Task<IResult> ProvideInformation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "loans/{loanId}/information")] HttpRequest req, string loanId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await LoansApi.ProvideInformation(loanId, await req.ReadJsonAsync<ProvideInformationRequest>(cancellationToken), req.HttpContext.User, decisions, new LoanWorkflowEngine(client), cancellationToken);

    [Function("CancelLoan")]
    [Authorize(Roles = PlatformRoles.Customer)]
    public async Task<IResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "loans/{loanId}/cancel")] HttpRequest req, string loanId,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await LoansApi.Cancel(
            loanId, await req.ReadOptionalJsonAsync<CancelRequest>(cancellationToken), req.HttpContext.User, decisions, new LoanWorkflowEngine(client), cancellationToken);
}
