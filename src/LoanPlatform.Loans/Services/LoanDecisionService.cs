using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Workflows;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Loans.Services;

/// <summary>
/// Accepts officers' decisions and applicants' cancellations and hands them to the orchestration. The loan checks the
/// four-eyes rules (<see cref="LoanApplication.RequestDecision"/>) before anything is raised, and the command is recorded
/// on the loan with an ETag-checked write so a second decision for the same wait is refused instead of silently lost; a
/// command that ends its stage is applied in that same write (<see cref="LoanApplication.ApplyAccepted"/>), so the
/// orchestration is told of a decision it need not write again.
/// </summary>
public sealed class LoanDecisionService(LoanRepository loans, UsersDirectoryClient users, IOptions<WorkflowOptions> options, TimeProvider time)
{
    public async Task<LoanAccepted> DecideAsync(string loanId, ClaimsPrincipal officer, DecisionRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        var kind = request.Decision?.Trim().ToLowerInvariant() switch
        {
            "approve" => DecisionKind.Approve,
            "reject" => DecisionKind.Reject,
            "refer" => DecisionKind.Refer,
            _ => (DecisionKind?)null,
        };
        new RequestValidation()
            .Require(kind is not null, "decision", "The decision must be \"approve\", \"reject\" or \"refer\".")
            .Require(kind is DecisionKind.Approve || !string.IsNullOrWhiteSpace(request.Reason), "reason", "A rejection or a referral needs a reason the applicant can act on.")
            .Require(kind is DecisionKind.Approve || request.ApprovedAmount is null, "approvedAmount", "Only an approval may set an amount.")
            .Require(request.Reason is null || request.Reason.Length <= 1000, "reason", "The reason has at most 1000 characters.")
            .Require(request.ApprovedAmount is null or > 0, "approvedAmount", "A lower approved amount must be positive.")
            .ThrowIfInvalid();

        var decisionId = Guid.NewGuid().ToString("N");
        var (officerId, reason, correlationId) = (officer.GetSubject(), request.Reason?.Trim(), CorrelationId.Current);
        LoanApplication Request(LoanApplication loan) =>
            loan.RequestDecision(decisionId, officerId, officer.IsInRole, kind!.Value, reason, request.ApprovedAmount, time.GetUtcNow(), correlationId);

        // The rules refuse on what is read now, before the customer directory and the engine are asked; the write checks them again.
        var read = await loans.FindAsync(loanId, cancellationToken) ?? throw ProblemException.NotFound("The loan");
        Request(read.Value);
        await RequireOtherPersonAsync(read.Value.ApplicantId, officer.GetStaffId(), cancellationToken);
        return await RaiseAsync(loanId, read, Request, engine, cancellationToken);
    }

    public async Task<LoanAccepted> CancelAsync(string loanId, string applicantId, CancelRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        var (decisionId, reason, correlationId) = (Guid.NewGuid().ToString("N"), request.Reason?.Trim(), CorrelationId.Current);
        return await RaiseAsync(loanId, read: null, loan => Own(loan, applicantId).RequestCancellation(decisionId, reason, time.GetUtcNow(), correlationId), engine, cancellationToken);
    }

    /// <summary>The applicant answers a referral; the stage then waits for staff again.</summary>
    public async Task<LoanAccepted> ProvideInformationAsync(string loanId, string applicantId, ProvideInformationRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        new RequestValidation()
            .Require(!string.IsNullOrWhiteSpace(request.Message) && request.Message.Length <= 2000, "message", "An answer of at most 2000 characters is required.")
            .ThrowIfInvalid();
        var (decisionId, message, correlationId) = (Guid.NewGuid().ToString("N"), request.Message!.Trim(), CorrelationId.Current);
        return await RaiseAsync(loanId, read: null, loan => Own(loan, applicantId).RequestReferralAnswer(decisionId, message, time.GetUtcNow(), correlationId), engine, cancellationToken);
    }

    /// <summary>An officer's second, customer account is still them: the Users service matches people by NIK, email and phone.</summary>
    private async Task RequireOtherPersonAsync(string applicantId, string staffId, CancellationToken cancellationToken)
    {
        var match = await users.MatchPersonAsync(applicantId, staffId, cancellationToken)
            ?? throw LoanProblems.ApplicantUnknown.Exception();
        if (!match.StaffLinked)
        {
            throw UserProblems.StaffPersonNotLinked.Exception();
        }

        if (match.SamePerson)
        {
            throw UserProblems.SamePerson.Exception($"Your staff identity shares {string.Join(", ", match.SharedFields)} with the applicant.");
        }
    }

    /// <summary>An applicant acts on their own loan only; anyone else's answers as if it did not exist.</summary>
    private static LoanApplication Own(LoanApplication loan, string applicantId) =>
        loan.ApplicantId == applicantId ? loan : throw ProblemException.NotFound("The loan");

    /// <summary>
    /// Records the command on the loan, then raises it to the orchestration. The loan document also moves for reasons
    /// no person caused (the orchestration's bookkeeping, the outbox clearing published events): the write path retries
    /// such a race on a fresh read with every rule checked again; only a genuinely competing decision is refused.
    /// </summary>
    /// <param name="read">The loan as the caller read it, if it did: the first try of the write starts from it.</param>
    private async Task<LoanAccepted> RaiseAsync(
        string loanId, StoredDocument<LoanApplication>? read, Func<LoanApplication, LoanApplication> request, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        if (!await engine.IsWaitingAsync(loanId, cancellationToken))
        {
            // Rules first, so a loan that ended answers why rather than that its workflow is not running.
            request((await loans.FindAsync(loanId, cancellationToken))?.Value ?? throw ProblemException.NotFound("The loan"));
            throw LoanProblems.NotAwaitingDecision.Exception("The approval workflow of this loan is not running yet.");
        }

        PendingDecision? command = null;
        LoanApplication Record(LoanApplication loan)
        {
            var requested = request(loan);
            command = requested.PendingDecision!;
            return requested.ApplyAccepted(options.Value.SlaHour, time.GetUtcNow());
        }

        LoanApplication recorded;
        try
        {
            // Loans are never deleted, so one the engine waits for exists.
            recorded = read is null ? await loans.UpdateAsync(loanId, Record, cancellationToken) : await loans.UpdateAsync(read, Record, cancellationToken);
        }
        catch (WriteConflictException)
        {
            throw LoanProblems.DecisionInProgress.Exception("The loan keeps changing; read it again and retry.");
        }

        // The event says what the write already applied, so the orchestration need not read the loan to find it done.
        await engine.RaiseDecisionAsync(loanId, command! with { Applied = recorded.OutcomeRecordedFor(command!) }, cancellationToken);
        return new LoanAccepted(loanId, recorded.Status);
    }
}
