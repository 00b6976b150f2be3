using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Workflows;

namespace LoanPlatform.Loans.Domain;

/// <summary>
/// Rule-based, explained scoring. Hard rules (age, verified identity, debt-service ratio, product limits) reject on failure;
/// soft rules move the score. Every rule reports what it saw, so the outcome can be explained to the customer and audited.
/// </summary>
public static class LoanScorer
{
    private const int BaseScore = 600;

    public static ScoreResult Score(LoanApplication loan, LoanWorkflowDefinition workflow, ApplicantProfile applicant, DateOnly today, long installment)
    {
        var reasons = new List<ScoreReason>();
        var policy = workflow.Scoring;

        var age = AgeOn(applicant.DateOfBirth, today);
        var ageAtMaturity = AgeOn(applicant.DateOfBirth, today.AddMonths(loan.TenorMonths));
        reasons.Add(new ScoreReason("minimum-age", age >= policy.MinAgeYears, 0, $"Applicant is {age}; the product needs at least {policy.MinAgeYears}."));
        reasons.Add(new ScoreReason("age-at-maturity", ageAtMaturity <= policy.MaxAgeAtMaturityYears, 0, $"Applicant will be {ageAtMaturity} at the last installment; the product allows at most {policy.MaxAgeAtMaturityYears}."));
        reasons.Add(new ScoreReason("kyc-verified", applicant.KycVerified, 0, applicant.KycVerified ? "The applicant's identity is verified (KYC)." : $"The applicant's identity is not verified (KYC is {applicant.Kyc.Status})."));
        reasons.Add(new ScoreReason("product-limits", workflow.Amount.Contains(loan.Amount) && workflow.TenorMonths.Contains(loan.TenorMonths), 0,
            $"Amount {loan.Amount:N0} IDR over {loan.TenorMonths} months against limits {workflow.Amount.Min:N0}–{workflow.Amount.Max:N0} IDR, {workflow.TenorMonths.Min}–{workflow.TenorMonths.Max} months."));

        var dsr = loan.MonthlyIncome > 0 ? installment * 100m / loan.MonthlyIncome : decimal.MaxValue;
        reasons.Add(new ScoreReason("debt-service-ratio", dsr <= policy.MaxDebtServiceRatioPercent, 0,
            $"The installment of {installment:N0} IDR is {(dsr == decimal.MaxValue ? "∞" : dsr.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))}% of declared income; at most {policy.MaxDebtServiceRatioPercent}% is allowed."));

        var hardRuleFailed = reasons.Any(r => !r.Passed);
        var score = BaseScore;
        score += Soft(reasons, "low-debt-service-ratio", dsr <= policy.MaxDebtServiceRatioPercent / 2, 80, "The installment takes less than half the allowed share of income.");
        score += Soft(reasons, "prime-age", age is >= 25 and <= 55, 40, $"Age {age} is within 25–55.");
        score += Soft(reasons, "short-tenor", loan.TenorMonths <= 12, 30, $"A tenor of {loan.TenorMonths} months is at most a year.");
        score += Soft(reasons, "small-amount", loan.Amount <= loan.MonthlyIncome * 3, 50, "The amount is at most three months of income.");

        var band = hardRuleFailed ? "D" : score switch { >= 760 => "A", >= 680 => "B", _ => "C" };
        return new ScoreResult(score, band, hardRuleFailed, reasons);
    }

    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        return on < birth.AddYears(age) ? age - 1 : age;
    }

    private static int Soft(List<ScoreReason> reasons, string rule, bool passed, int points, string explanation)
    {
        reasons.Add(new ScoreReason(rule, passed, passed ? points : 0, explanation));
        return passed ? points : 0;
    }
}
