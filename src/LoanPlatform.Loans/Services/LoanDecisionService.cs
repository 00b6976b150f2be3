using System.Security.Claims;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Loans.Infrastructure;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;

namespace LoanPlatform.Loans.Services;

/// <summary>
/// Accepts officers' decisions and applicants' cancellations and hands them to the orchestration. Checks the four-eyes
/// rules here, before anything is raised, and marks the wait as taken with an ETag-checked write so a second decision
/// for the same wait is refused instead of silently lost.
/// </summary>
public sealed class LoanDecisionService(LoanRepository loans, UsersDirectoryClient users, TimeProvider time)
{
    /// <summary>A pending decision older than this never reached the orchestration (the raise failed) and may be replaced.</summary>
    private static readonly TimeSpan PendingDecisionTimeout = TimeSpan.FromMinutes(2);

    public Task<LoanAccepted> DecideAsync(string loanId, ClaimsPrincipal officer, DecisionRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken) =>
        RetryWhenTheLoanMovedAsync(() => DecideOnceAsync(loanId, officer, request, engine, cancellationToken));

    public Task<LoanAccepted> CancelAsync(string loanId, string applicantId, CancelRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken) =>
        RetryWhenTheLoanMovedAsync(() => CancelOnceAsync(loanId, applicantId, request, engine, cancellationToken));

    /// <summary>The applicant answers a referral; the stage then waits for staff again.</summary>
    public Task<LoanAccepted> ProvideInformationAsync(string loanId, string applicantId, ProvideInformationRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken) =>
        RetryWhenTheLoanMovedAsync(() => ProvideInformationOnceAsync(loanId, applicantId, request, engine, cancellationToken));

    /// <summary>
    /// The loan document also moves for reasons no person caused (the orchestration's bookkeeping, the outbox clearing
    /// published events). A write that lost such a race is tried again on a fresh read, with every rule checked again;
    /// only a genuinely competing decision is refused.
    /// </summary>
    private static async Task<LoanAccepted> RetryWhenTheLoanMovedAsync(Func<Task<LoanAccepted>> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (DocumentPreconditionFailedException) when (tries < 5)
            {
            }
            catch (DocumentPreconditionFailedException)
            {
                throw ProblemException.Conflict("decision-in-progress", "The loan keeps changing; read it again and retry.");
            }
        }
    }

    private async Task<LoanAccepted> DecideOnceAsync(string loanId, ClaimsPrincipal officer, DecisionRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken)
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

        var stored = await loans.FindAsync(loanId, cancellationToken) ?? throw ProblemException.NotFound("The loan");
        var loan = stored.Value;
        var officerId = officer.GetSubject();
        if (loan.ApplicantId == officerId)
        {
            throw ProblemException.Forbidden("own-application", "Nobody decides on their own loan application.");
        }

        var stage = RequirePendingStage(loan);
        if (stage.AwaitingApplicant)
        {
            throw ProblemException.Conflict("awaiting-applicant", "The application was referred back; it waits for the applicant's answer.");
        }

        var role = PlatformRoles.Deciders.Append(PlatformRoles.Admin).FirstOrDefault(r => r == stage.CurrentRole && officer.IsInRole(r));
        if (role is null)
        {
            throw ProblemException.Forbidden("wrong-role", $"The current stage ({stage.Name}) needs a decision by a {stage.CurrentRole}.");
        }

        if (loan.Stages.Any(s => s.Decision?.OfficerId == officerId))
        {
            throw ProblemException.Conflict("four-eyes", "You already approved an earlier stage of this loan; another officer must decide this one.");
        }

        if (request.ApprovedAmount > (loan.ApprovedAmount ?? loan.Amount))
        {
            throw ProblemException.BadRequest("amount-above-requested", "An officer may approve less than was asked, never more.");
        }

        // Whoever vouched for the applicant's identity is not also the one person who approves their loan.
        if (kind == DecisionKind.Approve && loan.Stages.Count == 1 && loan.Kyc?.VerifiedBy == officerId)
        {
            throw ProblemException.Forbidden("kyc-verifier-sole-approver",
                "You verified this applicant's identity; another officer gives the loan's only approval.");
        }

        await RequireOtherPersonAsync(loan.ApplicantId, officer.GetStaffId(), cancellationToken);

        var decision = new PendingDecision(Guid.NewGuid().ToString("N"), officerId, role, kind!.Value, request.Reason?.Trim(), request.ApprovedAmount, loan.CurrentStage, loan.WaitRound, time.GetUtcNow(), CorrelationId.Current);
        await RaiseAsync(stored, decision, engine, cancellationToken);
        return new LoanAccepted(loanId, loan.Status);
    }

    /// <summary>An officer's second, customer account is still them: the Users service matches people by NIK, email and phone.</summary>
    private async Task RequireOtherPersonAsync(string applicantId, string staffId, CancellationToken cancellationToken)
    {
        var match = await users.MatchPersonAsync(applicantId, staffId, cancellationToken)
            ?? throw ProblemException.Conflict("applicant-unknown", "The applicant is no longer known to the customer directory.");
        if (!match.StaffLinked)
        {
            throw ProblemException.Forbidden("staff-person-not-linked", "Your staff identity is not linked to a person yet, so it cannot be told apart from the applicant; an Admin links it first.");
        }

        if (match.SamePerson)
        {
            throw ProblemException.Forbidden("same-person", "Nobody decides a loan of an applicant who is the same person as themselves.",
                $"Your staff identity shares {string.Join(", ", match.SharedFields)} with the applicant.");
        }
    }

    private async Task<LoanAccepted> CancelOnceAsync(string loanId, string applicantId, CancelRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        var stored = await loans.FindAsync(loanId, cancellationToken);
        if (stored is null || stored.Value.ApplicantId != applicantId)
        {
            throw ProblemException.NotFound("The loan");
        }

        var loan = stored.Value;
        RequirePendingStage(loan);
        var decision = new PendingDecision(Guid.NewGuid().ToString("N"), applicantId, "Customer", DecisionKind.Cancel, request.Reason?.Trim(), null, loan.CurrentStage, loan.WaitRound, time.GetUtcNow(), CorrelationId.Current);
        await RaiseAsync(stored, decision, engine, cancellationToken);
        return new LoanAccepted(loanId, loan.Status);
    }

    private async Task<LoanAccepted> ProvideInformationOnceAsync(string loanId, string applicantId, ProvideInformationRequest request, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        new RequestValidation()
            .Require(!string.IsNullOrWhiteSpace(request.Message) && request.Message.Length <= 2000, "message", "An answer of at most 2000 characters is required.")
            .ThrowIfInvalid();
        var stored = await loans.FindAsync(loanId, cancellationToken);
        if (stored is null || stored.Value.ApplicantId != applicantId)
        {
            throw ProblemException.NotFound("The loan");
        }

        var loan = stored.Value;
        if (!RequirePendingStage(loan).AwaitingApplicant)
        {
            throw ProblemException.Conflict("not-referred", "The application is not waiting for information from you.");
        }

        var answer = new PendingDecision(Guid.NewGuid().ToString("N"), applicantId, "Customer", DecisionKind.ProvideInformation, request.Message!.Trim(), null, loan.CurrentStage, loan.WaitRound, time.GetUtcNow(), CorrelationId.Current);
        await RaiseAsync(stored, answer, engine, cancellationToken);
        return new LoanAccepted(loanId, loan.Status);
    }

    private static ApprovalStage RequirePendingStage(LoanApplication loan)
    {
        if (loan.Status != LoanStatus.PendingApproval || loan.CurrentStage >= loan.Stages.Count || loan.Stages[loan.CurrentStage].Deadline is null)
        {
            throw ProblemException.Conflict("not-awaiting-decision", $"The loan is {loan.Status} and is not waiting for a decision.");
        }

        return loan.Stages[loan.CurrentStage];
    }

    private async Task RaiseAsync(StoredDocument<LoanApplication> stored, PendingDecision decision, LoanWorkflowEngine engine, CancellationToken cancellationToken)
    {
        var pending = stored.Value.PendingDecision;
        if (pending is not null && pending.WaitRound == stored.Value.WaitRound && time.GetUtcNow() - pending.RequestedAt < PendingDecisionTimeout)
        {
            throw ProblemException.Conflict("decision-in-progress", "A decision for this stage is already being processed.");
        }

        if (!await engine.IsWaitingAsync(stored.Id, cancellationToken))
        {
            throw ProblemException.Conflict("not-awaiting-decision", "The approval workflow of this loan is not running; try again shortly.");
        }

        await loans.ReplaceAsync(stored, stored.Value with { PendingDecision = decision }, cancellationToken);

        await engine.RaiseDecisionAsync(stored.Id, decision, cancellationToken);
    }
}
