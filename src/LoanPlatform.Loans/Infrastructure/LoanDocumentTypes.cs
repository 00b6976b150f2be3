namespace LoanPlatform.Loans.Infrastructure;

/// <summary>Document type names inside the Loans service's container.</summary>
public static class LoanDocumentTypes
{
    public const string Loan = "loan";
    public const string OpenApplicationClaim = "openApplication";
}
