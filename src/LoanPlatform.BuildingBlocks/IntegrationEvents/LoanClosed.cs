namespace LoanPlatform.BuildingBlocks.IntegrationEvents;

/// <summary>LoanCancelled v1 and LoanExpired v1 share this payload: the application ended without a decision.</summary>
public sealed record LoanClosed(string LoanId, string ApplicantId, string Product, long Amount, DateTimeOffset ClosedAt)
{
    public const int Version = 1;
}
