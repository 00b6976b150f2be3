using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Domain;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Workflows;

namespace LoanPlatform.Loans.Services;

/// <summary>Takes loan applications: validation, KYC gate, one open application, cost cap, idempotency, then the orchestration.</summary>
public sealed class LoanApplicationService(
    LoanRepository loans,
    IDocumentStore<OpenApplicationClaim> openClaims,
    WorkflowCatalog workflows,
    UsersDirectoryClient users,
    TimeProvider time)
{
    /// <summary>
    /// A submission still unfinished after this long died: a claim without a loan was left between its two writes (the
    /// customer's next application takes it over), a loan without an orchestration before its start
    /// (<see cref="LoanRehydrator.StartUnstartedAsync"/>).
    /// </summary>
    internal static readonly TimeSpan StaleClaimAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The Idempotency-Key names the loan (<see cref="LoanIdFor"/>), so the loan is its own idempotency record: a retry
    /// finds it with one point read, two racing duplicates cannot both create it (the loser's create conflicts and it
    /// answers with the winner's loan), and the request's fingerprint on the loan refuses the key with another body.
    /// </summary>
    public async Task<LoanAccepted> ApplyAsync(string applicantId, string? idempotencyKey, ApplyForLoanRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            throw LoanProblems.IdempotencyKeyRequired.Exception();
        }

        var workflow = Validate(request);
        var requestHash = Hash(request, workflow.Product);
        var loanId = LoanIdFor(applicantId, idempotencyKey);
        if (await loans.FindAsync(loanId, cancellationToken) is { } existing)
        {
            return await ReplayAsync(existing.Value, existing.Value.RequestHash, requestHash, engine, cancellationToken);
        }

        var applicant = await users.GetApplicantAsync(applicantId, cancellationToken);
        var now = time.GetUtcNow();
        var loan = LoanApplication.Submit(loanId, applicantId, workflow, workflows.InterestCaps, request.Amount!.Value, request.TenorMonths!.Value, request.Purpose!, request.MonthlyIncome!.Value,
            applicant, now, CorrelationId.Current) with { RequestHash = requestHash };

        if (workflow.MaxOpenApplications == 1)
        {
            await ClaimOpenApplicationAsync(applicantId, workflow.Product, new OpenApplicationClaim(loanId, now), cancellationToken);
        }

        try
        {
            await loans.CreateAsync(loan, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A duplicate of this request (same customer, same key) stored it a moment ago and is starting its
            // orchestration: answer with its loan, and leave the start to it (a retry makes sure of it, should it die).
            var winner = await loans.FindAsync(loanId, cancellationToken) ?? throw LoanProblems.RequestInProgress.Exception();
            return await ReplayAsync(winner.Value, winner.Value.RequestHash, requestHash, engine: null, cancellationToken);
        }

        LoansTelemetry.RecordApplication(loan.Product);
        await engine.StartAsync(loanId, cancellationToken);
        return new LoanAccepted(loanId, loan.Status);
    }

    /// <summary>The loan an Idempotency-Key stands for: a stable id per customer and key, shaped like every other loan id.</summary>
    internal static string LoanIdFor(string applicantId, string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{applicantId}\n{idempotencyKey}")))[..32];

    /// <summary>
    /// The first answer for a retried key, or the reused-key problem when the body differs. A loan still submitted may
    /// have lost its request before the orchestration was started: a retry given the <paramref name="engine"/> makes sure of it.
    /// </summary>
    private static async Task<LoanAccepted> ReplayAsync(LoanApplication loan, string? storedHash, string requestHash, LoanWorkflowEngine? engine, CancellationToken cancellationToken)
    {
        if (storedHash != requestHash)
        {
            throw LoanProblems.IdempotencyKeyReused.Exception();
        }

        if (loan.Status == LoanStatus.Submitted && engine is not null)
        {
            await engine.EnsureRunningAsync(loan.LoanId, cancellationToken);
        }

        return new LoanAccepted(loan.LoanId, loan.Status);
    }

    /// <summary>
    /// Takes the customer's one open-application claim for the product. The claim names the customer's latest application
    /// and binds while that loan is open: it is never released, so ending a loan costs no write of its own. A claim this
    /// same request already holds (a retry after a crash between claim and loan, or a duplicate racing it) is used as it
    /// is; one whose loan has ended, or whose submission died before writing its loan, is taken over with one
    /// conditional replace.
    /// </summary>
    private async Task ClaimOpenApplicationAsync(string applicantId, string product, OpenApplicationClaim claim, CancellationToken cancellationToken)
    {
        var id = OpenApplicationClaim.IdFor(product);
        // Not the aggregate write path: the claim has no outbox, and a taken claim is judged by its loan, not re-applied.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await openClaims.CreateAsync(applicantId, id, claim, cancellationToken: cancellationToken);
                return;
            }
            catch (DocumentConflictException)
            {
            }

            if (await openClaims.FindAsync(applicantId, id, cancellationToken) is not { } held)
            {
                continue;
            }

            if (held.Value.LoanId == claim.LoanId)
            {
                return;
            }

            var heldLoan = await loans.FindAsync(held.Value.LoanId, cancellationToken);
            // No loan yet: another application is being submitted right now, unless that began long ago and died.
            var binds = heldLoan is null
                ? time.GetUtcNow() - held.Value.ClaimedAt <= StaleClaimAge
                : !heldLoan.Value.Status.IsFinal();
            if (binds)
            {
                break;
            }

            try
            {
                await openClaims.ReplaceAsync(applicantId, id, claim, held.ETag, cancellationToken: cancellationToken);
                return;
            }
            catch (Exception e) when (e is DocumentPreconditionFailedException or DocumentNotFoundException)
            {
                // Another application moved the claim first: look again.
            }
        }

        throw LoanProblems.OpenApplicationExists.Exception($"You already have an open {product} application.");
    }

    private LoanWorkflowDefinition Validate(ApplyForLoanRequest request)
    {
        var product = string.IsNullOrWhiteSpace(request.Product) ? workflows.DefaultProduct : request.Product.Trim();
        var workflow = workflows.FindLatest(product);
        var validation = new RequestValidation()
            .Require(workflow is not null, "product", $"Unknown product '{product}'.")
            .Require(request.Amount is > 0, "amount", "The amount in whole rupiah is required.")
            .Require(request.TenorMonths is > 0, "tenorMonths", "The tenor in months is required.")
            .Require(!string.IsNullOrWhiteSpace(request.Purpose) && request.Purpose.Length <= 200, "purpose", "A purpose of at most 200 characters is required.")
            .Require(request.MonthlyIncome is > 0, "monthlyIncome", "The declared monthly income in whole rupiah is required.");
        if (workflow is not null && request.Amount is > 0 && !workflow.Amount.Contains(request.Amount.Value))
        {
            validation.Add("amount", $"{workflow.Product} lends {workflow.Amount.Min:N0} to {workflow.Amount.Max:N0} IDR.");
        }

        if (workflow is not null && request.TenorMonths is > 0 && !workflow.TenorMonths.Contains(request.TenorMonths.Value))
        {
            validation.Add("tenorMonths", $"{workflow.Product} runs {workflow.TenorMonths.Min} to {workflow.TenorMonths.Max} months.");
        }

        validation.ThrowIfInvalid();
        return workflow!;
    }

    private static string Hash(ApplyForLoanRequest request, string product) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request with { Product = product }))));
}
