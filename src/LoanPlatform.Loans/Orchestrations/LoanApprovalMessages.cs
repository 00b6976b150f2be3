using LoanPlatform.Loans.Model;

namespace LoanPlatform.Loans.Orchestrations;

/// <summary>The orchestration's input: only the id. Everything else is read from the Loans store by activities.</summary>
public sealed record LoanApprovalInput(string LoanId);

/// <summary>
/// What scoring left: a final status when the application ended there, else where approval (re)starts. When that stage is
/// open, also its wait and the command recorded for it (from the same read), so the first wait needs no step of its own.
/// </summary>
public sealed record ApprovalPlan(LoanStatus? FinalStatus, int CurrentStage, int StageCount, StageWait? CurrentWait = null, PendingDecision? RecordedDecision = null);

public sealed record StageRef(string LoanId, int StageIndex);

/// <summary>One wait of a stage: the command recorded for it is looked up by this.</summary>
public sealed record WaitRef(string LoanId, int StageIndex, int WaitRound);

/// <summary>What the current wait is for: whose decision, until when, under which event name round.</summary>
public sealed record StageWait(int StageIndex, int WaitRound, string Role, DateTimeOffset Deadline, bool Escalated);

public sealed record ApplyDecisionInput(string LoanId, PendingDecision Decision);

public enum DecisionOutcome
{
    StageApproved,
    Rejected,
    Cancelled,

    /// <summary>Sent back to the applicant; the stage now waits for the answer.</summary>
    Referred,

    /// <summary>The applicant answered a referral; the stage waits for staff again.</summary>
    Resumed,

    /// <summary>The decision no longer fits the loan (another already applied); the stage keeps waiting.</summary>
    Ignored,
}
