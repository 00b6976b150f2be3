namespace LoanPlatform.Loans.Model;

public enum LoanStatus
{
    Submitted,
    Scoring,
    PendingApproval,
    Approved,
    Rejected,
    Cancelled,
    Expired,
}
