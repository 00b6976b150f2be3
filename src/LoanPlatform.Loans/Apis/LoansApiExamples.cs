using LoanPlatform.Loans.Model;

namespace LoanPlatform.Loans.Apis;

/// <summary>Example bodies for the Loans API's OpenAPI document: the first loan of the tests and the README walk-through.</summary>
internal static class LoansApiExamples
{
    public const string LoanId = "4b1e8f2a9c7d4e6f8a0b1c2d3e4f5a6b";

    /// <summary>Rp10.000.000 over 12 months for a renovation, on Rp15.000.000 a month.</summary>
    public static readonly ApplyForLoanRequest Application = new(10_000_000, 12, "Renovasi rumah", 15_000_000, "cash-loan");
}
