using LoanPlatform.Loans.Domain;
using LoanPlatform.Loans.Workflows;

namespace LoanPlatform.Loans.Tests;

public sealed class CostOfCreditTests
{
    private static readonly InterestCapTable Caps = new(
    [
        new("consumer", "short", 6, 0.3m, new DateOnly(2024, 1, 1)),
        new("consumer", "long", null, 0.3m, new DateOnly(2024, 1, 1)),
        new("consumer", "short", 6, 0.2m, new DateOnly(2025, 1, 1)),
        new("consumer", "long", null, 0.2m, new DateOnly(2025, 1, 1)),
        new("consumer", "short", 6, 0.1m, new DateOnly(2026, 1, 1)),
        new("consumer", "long", null, 0.1m, new DateOnly(2026, 1, 1)),
    ]);

    [Fact]
    public void The_daily_cost_counts_interest_and_fees_over_thirty_day_months()
    {
        // 6,000,000 IDR flat 4.5 % a month for 6 months: interest 270,000 × 6 = 1,620,000, no fee.
        // 1,620,000 / 6,000,000 / 180 days = 0.15 % a day.
        var schedule = RepaymentScheduleCalculator.Calculate(6_000_000, 6, 4.5m, "flat", 0m, new DateOnly(2024, 6, 1));

        Assert.Equal(0.15m, CostOfCredit.DailyCostPercent(schedule, 6_000_000));
    }

    [Theory]
    [InlineData("2024-06-01", true)]
    [InlineData("2025-06-01", true)]
    [InlineData("2026-06-01", false)]
    public void The_same_loan_is_allowed_or_refused_by_the_cap_in_force_on_the_day(string on, bool allowed)
    {
        var day = DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);
        var schedule = RepaymentScheduleCalculator.Calculate(6_000_000, 6, 4.5m, "flat", 0m, day);

        var refusal = CostOfCredit.CheckCap(Caps, "consumer", schedule, 6_000_000, day);

        Assert.Equal(allowed, refusal is null);
        if (!allowed)
        {
            Assert.Contains("0.15% a day, above the 0.1% cap in force since 2026-01-01", refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_a_cap_for_the_day_the_loan_cannot_be_priced()
    {
        var schedule = RepaymentScheduleCalculator.Calculate(1_000_000, 3, 1m, "annuity", 0m, new DateOnly(2023, 6, 1));

        Assert.Contains("No regulatory interest cap", CostOfCredit.CheckCap(Caps, "consumer", schedule, 1_000_000, new DateOnly(2023, 6, 1)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_cash_loan_is_within_the_current_cap()
    {
        var catalog = WorkflowCatalogTests.LoadShipped();
        var cash = catalog.FindLatest("cash-loan")!;
        var today = new DateOnly(2026, 11, 25);
        foreach (var tenor in new[] { (int)cash.TenorMonths.Min, 12, (int)cash.TenorMonths.Max })
        {
            var schedule = RepaymentScheduleCalculator.Calculate(cash.Amount.Max, tenor, cash.Interest.MonthlyRatePercent, cash.Interest.Method, cash.Fees.OriginationPercent, today);
            Assert.Null(CostOfCredit.CheckCap(catalog.InterestCaps, cash.ProductType, schedule, cash.Amount.Max, today));
        }
    }
}
