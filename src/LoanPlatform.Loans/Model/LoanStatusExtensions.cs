namespace LoanPlatform.Loans.Model;

public static class LoanStatusExtensions
{
    public static bool IsFinal(this LoanStatus status) =>
        status is LoanStatus.Approved or LoanStatus.Rejected or LoanStatus.Cancelled or LoanStatus.Expired;
}
