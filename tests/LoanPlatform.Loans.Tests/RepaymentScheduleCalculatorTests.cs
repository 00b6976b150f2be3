using LoanPlatform.Loans.Domain;

namespace LoanPlatform.Loans.Tests;

public sealed class RepaymentScheduleCalculatorTests
{
    private static readonly DateOnly Start = new(2026, 1, 31);

    [Fact]
    public void An_annuity_matches_the_figures_worked_by_hand()
    {
        // 10,000,000 IDR, 1.5 % a month, 12 months, 1 % origination fee.
        // (1.015)^12 = 1.1956182; payment = 10,000,000 × 0.015 × 1.1956182 / 0.1956182 = 916,799.93 → 916,800.
        // Month 1: interest 10,000,000 × 0.015 = 150,000; principal 916,800 − 150,000 = 766,800; balance 9,233,200.
        // Month 2: interest 9,233,200 × 0.015 = 138,498; principal 778,302; balance 8,454,898.
        // Fee 100,000 spread as 8,333 a month, the 4 rupiah left over in month 12.
        var schedule = RepaymentScheduleCalculator.Calculate(10_000_000, 12, 1.5m, "annuity", 1.0m, Start);

        Assert.Equal(12, schedule.Count);
        Assert.Equal((150_000L, 766_800L, 8_333L, 925_133L, 9_233_200L), (schedule[0].Interest, schedule[0].Principal, schedule[0].Fee, schedule[0].Total, schedule[0].Balance));
        Assert.Equal((138_498L, 778_302L, 8_454_898L), (schedule[1].Interest, schedule[1].Principal, schedule[1].Balance));
        Assert.Equal(8_337, schedule[^1].Fee);
        Assert.Equal(10_000_000, schedule.Sum(i => i.Principal));
        Assert.Equal(100_000, schedule.Sum(i => i.Fee));
        Assert.Equal(0, schedule[^1].Balance);
        // Every month but the last pays the level amount; the last absorbs the rounding.
        Assert.All(schedule.Take(11), i => Assert.Equal(916_800, i.Principal + i.Interest));
        Assert.InRange(schedule[^1].Principal + schedule[^1].Interest, 916_790, 916_810);
    }

    [Fact]
    public void A_flat_loan_charges_interest_on_the_original_principal_and_puts_the_remainder_last()
    {
        // 1,000,000 IDR, 1.5 % flat a month, 3 months: interest 15,000 every month;
        // principal 1,000,000 / 3 = 333,333 twice and 333,334 in the last month.
        var schedule = RepaymentScheduleCalculator.Calculate(1_000_000, 3, 1.5m, "flat", 0m, Start);

        Assert.Equal([333_333L, 333_333L, 333_334L], schedule.Select(i => i.Principal));
        Assert.Equal([15_000L, 15_000L, 15_000L], schedule.Select(i => i.Interest));
        Assert.Equal([666_667L, 333_334L, 0L], schedule.Select(i => i.Balance));
        Assert.Equal([348_333L, 348_333L, 348_334L], schedule.Select(i => i.Total));
    }

    [Fact]
    public void Due_dates_fall_monthly_and_clamp_to_the_end_of_short_months()
    {
        var schedule = RepaymentScheduleCalculator.Calculate(3_000_000, 3, 1m, "annuity", 0m, Start);

        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 30)], schedule.Select(i => i.DueDate));
    }

    [Fact]
    public void A_zero_rate_annuity_splits_the_principal_evenly()
    {
        var schedule = RepaymentScheduleCalculator.Calculate(1_000_000, 3, 0m, "annuity", 0m, Start);

        Assert.Equal([333_333L, 333_333L, 333_334L], schedule.Select(i => i.Principal));
        Assert.All(schedule, i => Assert.Equal(0, i.Interest));
    }
}
