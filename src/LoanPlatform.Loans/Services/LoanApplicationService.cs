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
    IDocumentStore<IdempotencyRecord> idempotency,
    IDocumentStore<OpenApplicationClaim> openClaims,
    WorkflowCatalog workflows,
    UsersDirectoryClient users,
    TimeProvider time)
{
    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// A submission still unfinished after this long died: a claim without a loan was left between its two writes, a
    /// loan without an orchestration before its start (<see cref="LoanRehydrator.StartUnstartedAsync"/>).
    /// </summary>
    internal static readonly TimeSpan StaleClaimAge = TimeSpan.FromMinutes(1);

    public async Task<LoanAccepted> ApplyAsync(string applicantId, string? idempotencyKey, ApplyForLoanRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            throw LoanProblems.IdempotencyKeyRequired.Exception();
        }

        var workflow = Validate(request);
        var requestHash = Hash(request, workflow.Product);

        var existing = await idempotency.FindAsync(applicantId, idempotencyKey, cancellationToken);
        if (existing is not null && await ReplayAsync(existing, requestHash, engine, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        var loanId = Guid.NewGuid().ToString("N");
        try
        {
            await idempotency.CreateAsync(applicantId, idempotencyKey, new IdempotencyRecord(requestHash, loanId, false, time.GetUtcNow()), new DocumentWriteOptions(IdempotencyWindow), cancellationToken);
        }
        catch (DocumentConflictException)
        {
            var winner = await idempotency.FindAsync(applicantId, idempotencyKey, cancellationToken);
            return (winner is null ? null : await ReplayAsync(winner, requestHash, engine, cancellationToken))
                ?? throw LoanProblems.RequestInProgress.Exception();
        }

        try
        {
            var accepted = await SubmitAsync(loanId, applicantId, request, workflow, engine, cancellationToken);
            var record = await idempotency.FindAsync(applicantId, idempotencyKey, cancellationToken);
            if (record is not null)
            {
                await CompleteAsync(record, cancellationToken);
            }

            return accepted;
        }
        catch
        {
            // The application did not go through: free the key so the client may retry with it.
            await idempotency.DeleteAsync(applicantId, idempotencyKey, cancellationToken: CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The first answer for a retried key. A record the first request never completed is finished here when its loan
    /// exists (the request died after storing it: the loan's orchestration is made sure of, and the retry gets the loan),
    /// or freed when it is stale without one (null: the retry goes through as new).
    /// </summary>
    private async Task<LoanAccepted?> ReplayAsync(StoredDocument<IdempotencyRecord> stored, string requestHash, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        var record = stored.Value;
        if (record.RequestHash != requestHash)
        {
            throw LoanProblems.IdempotencyKeyReused.Exception();
        }

        var loan = await loans.FindAsync(record.LoanId, cancellationToken);
        if (!record.Completed)
        {
            if (loan is null)
            {
                if (time.GetUtcNow() - record.CreatedAt <= StaleClaimAge)
                {
                    throw LoanProblems.RequestInProgress.Exception();
                }

                await idempotency.DeleteAsync(stored.PartitionKey, stored.Id, stored.ETag, cancellationToken);
                return null;
            }

            await engine.EnsureRunningAsync(record.LoanId, cancellationToken);
            await CompleteAsync(stored, cancellationToken);
        }

        return new LoanAccepted(record.LoanId, loan?.Value.Status ?? LoanStatus.Submitted);
    }

    private Task<StoredDocument<IdempotencyRecord>> CompleteAsync(StoredDocument<IdempotencyRecord> stored, CancellationToken cancellationToken) =>
        idempotency.ReplaceAsync(stored.PartitionKey, stored.Id, stored.Value with { Completed = true }, stored.ETag, new DocumentWriteOptions(IdempotencyWindow), cancellationToken);

    /// <summary>
    /// Run at start, before requests are admitted, so nothing is being submitted: an unfinished idempotency record or an
    /// open-application claim that no loan backs was left by a submission a crash cut short. Records whose loan exists
    /// are completed (a retry gets that loan), the rest freed; claims of missing or ended loans are released. Returns
    /// how many were put right.
    /// </summary>
    public async Task<int> FinishAbandonedSubmissionsAsync(CancellationToken cancellationToken)
    {
        var fixedUp = 0;
        // Each query is read whole before anything it found is changed.
        foreach (var record in await idempotency.QueryAsync(DocumentQuery.Where("completed", false), cancellationToken).ToListAsync(cancellationToken))
        {
            if (await loans.FindAsync(record.Value.LoanId, cancellationToken) is null)
            {
                await idempotency.DeleteAsync(record.PartitionKey, record.Id, record.ETag, cancellationToken);
            }
            else
            {
                await CompleteAsync(record, cancellationToken);
            }

            fixedUp++;
        }

        foreach (var claim in await openClaims.QueryAsync(new DocumentQuery(), cancellationToken).ToListAsync(cancellationToken))
        {
            var loan = await loans.FindAsync(claim.Value.LoanId, cancellationToken);
            if (loan is null || loan.Value.Status.IsFinal())
            {
                await openClaims.DeleteAsync(claim.PartitionKey, claim.Id, claim.ETag, cancellationToken);
                fixedUp++;
            }
        }

        return fixedUp;
    }

    private async Task<LoanAccepted> SubmitAsync(string loanId, string applicantId, ApplyForLoanRequest request, LoanWorkflowDefinition workflow, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        var applicant = await users.GetApplicantAsync(applicantId, cancellationToken);
        var now = time.GetUtcNow();
        var loan = LoanApplication.Submit(loanId, applicantId, workflow, workflows.InterestCaps, request.Amount!.Value, request.TenorMonths!.Value, request.Purpose!, request.MonthlyIncome!.Value,
            applicant, now, CorrelationId.Current);

        if (workflow.MaxOpenApplications == 1)
        {
            await ClaimOpenApplicationAsync(applicantId, workflow.Product, new OpenApplicationClaim(loanId, now), cancellationToken);
        }

        await loans.CreateAsync(loan, cancellationToken);
        LoansTelemetry.RecordApplication(loan.Product);
        await engine.StartAsync(loanId, cancellationToken);
        return new LoanAccepted(loanId, loan.Status);
    }

    /// <summary>
    /// Takes the customer's one open-application claim for the product. A claim whose loan has already ended is stale
    /// (its release is written just after the final state, or was lost in a crash) and is taken over.
    /// </summary>
    private async Task ClaimOpenApplicationAsync(string applicantId, string product, OpenApplicationClaim claim, CancellationToken cancellationToken)
    {
        var id = OpenApplicationClaim.IdFor(product);
        // Not the aggregate write path: the claim has no outbox, and a taken claim is judged by its loan, not re-applied.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await openClaims.CreateAsync(applicantId, id, claim, cancellationToken: cancellationToken);
                return;
            }
            catch (DocumentConflictException) when (attempt < 3)
            {
                var held = await openClaims.FindAsync(applicantId, id, cancellationToken);
                if (held is not null)
                {
                    var heldLoan = await loans.FindAsync(held.Value.LoanId, cancellationToken);
                    // No loan yet: another application is being submitted right now, unless that began long ago and died.
                    var stale = heldLoan is null
                        ? time.GetUtcNow() - held.Value.ClaimedAt > StaleClaimAge
                        : heldLoan.Value.Status.IsFinal();
                    if (!stale)
                    {
                        throw LoanProblems.OpenApplicationExists.Exception($"You already have an open {product} application.");
                    }

                    try
                    {
                        await openClaims.DeleteAsync(applicantId, id, held.ETag, cancellationToken);
                    }
                    catch (DocumentPreconditionFailedException)
                    {
                        // Someone else moved the claim first; look again.
                    }
                }
            }
            catch (DocumentConflictException)
            {
                throw LoanProblems.OpenApplicationExists.Exception($"You already have an open {product} application.");
            }
        }
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
