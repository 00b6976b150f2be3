namespace LoanPlatform.Loans.Model;

public enum DecisionKind
{
    Approve,
    Reject,

    /// <summary>The applicant withdraws before the final decision.</summary>
    Cancel,
}
