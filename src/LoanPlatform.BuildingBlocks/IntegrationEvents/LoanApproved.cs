namespace LoanPlatform.BuildingBlocks.IntegrationEvents;

/// <summary>LoanApproved v1: what core banking needs to disburse, and the customer's notification to show.</summary>
public sealed record LoanApproved(
    string LoanId,
    string ApplicantId,
    string Product,
    long ApprovedAmount,
    string Currency,
    int TenorMonths,
    decimal MonthlyRatePercent,
    long MonthlyInstallment,
    DateOnly? FirstDueDate,
    DateTimeOffset ApprovedAt)
{
    public const int Version = 1;
}
