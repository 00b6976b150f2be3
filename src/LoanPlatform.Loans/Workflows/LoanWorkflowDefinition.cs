namespace LoanPlatform.Loans.Workflows;

/// <summary>A product and its approval policy, as read from workflows/&lt;product&gt;.json (validated by its JSON Schema).</summary>
public sealed record LoanWorkflowDefinition(
    string Product,
    int Version,
    string? DisplayName,
    string ProductType,
    AmountRange Amount,
    AmountRange TenorMonths,
    InterestTerms Interest,
    FeeTerms Fees,
    int MaxOpenApplications,
    ScoringPolicy Scoring,
    ApprovalPolicy Approval)
{
    /// <summary>The stages an application of this amount must pass, from the first tier whose ceiling covers it.</summary>
    public IReadOnlyList<StageDefinition> StagesFor(long amount) =>
        Approval.Tiers.First(tier => tier.UpToAmount is null || amount <= tier.UpToAmount).Stages;
}

public sealed record AmountRange(long Min, long Max)
{
    public bool Contains(long value) => value >= Min && value <= Max;
}

public sealed record InterestTerms(string Method, decimal MonthlyRatePercent);

public sealed record FeeTerms(decimal OriginationPercent);

public sealed record ScoringPolicy(int MinAgeYears, int MaxAgeAtMaturityYears, decimal MaxDebtServiceRatioPercent);

public sealed record ApprovalPolicy(IReadOnlyList<ApprovalTier> Tiers);

public sealed record ApprovalTier(long? UpToAmount, IReadOnlyList<StageDefinition> Stages);

public sealed record StageDefinition(string Name, string Role, double SlaHours, string? EscalateToRole, double? EscalationSlaHours, double? ReferralResponseHours);
