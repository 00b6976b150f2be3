using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Workflows;

namespace LoanPlatform.Loans.Domain;

/// <summary>The total cost of a loan (interest and fees) as a daily rate, checked against the regulator's cap in force.</summary>
public static class CostOfCredit
{
    /// <summary>Regulators count a month as 30 days for the daily cap.</summary>
    public const int DaysPerMonth = 30;

    public static decimal DailyCostPercent(IReadOnlyList<RepaymentInstallment> schedule, long principal)
    {
        var cost = schedule.Sum(i => i.Interest + i.Fee);
        return cost * 100m / principal / (schedule.Count * DaysPerMonth);
    }

    /// <summary>Null when the loan is within the cap; otherwise the reason it is not.</summary>
    public static string? CheckCap(InterestCapTable caps, string productType, IReadOnlyList<RepaymentInstallment> schedule, long principal, DateOnly on)
    {
        var cap = caps.InForce(productType, schedule.Count, on);
        if (cap is null)
        {
            return $"No regulatory interest cap is defined for {productType} loans on {on:yyyy-MM-dd}; the loan cannot be priced.";
        }

        var daily = DailyCostPercent(schedule, principal);
        return daily <= cap.DailyCapPercent
            ? null
            : $"The total cost of credit is {daily:0.####}% a day, above the {cap.DailyCapPercent}% cap in force since {cap.ValidFrom:yyyy-MM-dd} ({cap.TenorBucket} tenor).";
    }
}
