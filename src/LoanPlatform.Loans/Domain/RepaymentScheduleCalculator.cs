using LoanPlatform.Loans.Model;

namespace LoanPlatform.Loans.Domain;

/// <summary>
/// Monthly repayment schedules in whole rupiah. Each installment's amounts are rounded half-up and whatever rounding
/// leaves over is settled in the last installment, so principal sums exactly to the loan and the balance ends at zero.
/// </summary>
public static class RepaymentScheduleCalculator
{
    public static IReadOnlyList<RepaymentInstallment> Calculate(
        long principal, int tenorMonths, decimal monthlyRatePercent, string method, decimal originationFeePercent, DateOnly startDate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(principal, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tenorMonths, 1);
        var rate = monthlyRatePercent / 100m;
        var totalFee = Round(principal * originationFeePercent / 100m);
        var feeEach = totalFee / tenorMonths;
        var installments = new List<RepaymentInstallment>(tenorMonths);
        var balance = principal;
        var annuityPayment = method == "annuity" ? Round(AnnuityPayment(principal, rate, tenorMonths)) : 0;

        for (var n = 1; n <= tenorMonths; n++)
        {
            var last = n == tenorMonths;
            long interest;
            long principalPart;
            if (method == "annuity")
            {
                interest = Round(balance * rate);
                principalPart = last ? balance : Math.Min(balance, annuityPayment - interest);
            }
            else
            {
                // Flat: interest on the original principal every month.
                interest = last ? Round(principal * rate * tenorMonths) - Round(principal * rate) * (tenorMonths - 1) : Round(principal * rate);
                principalPart = last ? balance : principal / tenorMonths;
            }

            var fee = last ? totalFee - feeEach * (tenorMonths - 1) : feeEach;
            balance -= principalPart;
            installments.Add(new RepaymentInstallment(n, DueDate(startDate, n), principalPart, interest, fee, principalPart + interest + fee, balance));
        }

        return installments;
    }

    /// <summary>The level payment P·r / (1 − (1 + r)^−n); with no interest, the principal split evenly.</summary>
    public static decimal AnnuityPayment(long principal, decimal monthlyRate, int months)
    {
        if (monthlyRate == 0)
        {
            return (decimal)principal / months;
        }

        var growth = 1m;
        for (var i = 0; i < months; i++)
        {
            growth *= 1 + monthlyRate;
        }

        return principal * monthlyRate * growth / (growth - 1);
    }

    private static DateOnly DueDate(DateOnly start, int monthsAfter) => start.AddMonths(monthsAfter);

    private static long Round(decimal value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
