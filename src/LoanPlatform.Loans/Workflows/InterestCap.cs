namespace LoanPlatform.Loans.Workflows;

/// <summary>One dated row of the regulator's cap on the daily cost of credit.</summary>
public sealed record InterestCap(string ProductType, string TenorBucket, int? MaxTenorMonths, decimal DailyCapPercent, DateOnly ValidFrom);

public sealed record InterestCapTable(IReadOnlyList<InterestCap> Caps)
{
    /// <summary>The cap in force on a date for a product type and tenor: the latest row already valid, in the narrowest bucket.</summary>
    public InterestCap? InForce(string productType, int tenorMonths, DateOnly on) =>
        Caps.Where(c => c.ProductType == productType && c.ValidFrom <= on && (c.MaxTenorMonths is null || tenorMonths <= c.MaxTenorMonths))
            .OrderByDescending(c => c.ValidFrom)
            .ThenBy(c => c.MaxTenorMonths ?? int.MaxValue)
            .FirstOrDefault();
}
