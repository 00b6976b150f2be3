namespace LoanPlatform.BuildingBlocks.IntegrationEvents;

/// <summary>LoanRejected v1: by an officer or by a hard scoring rule (<see cref="ByRules"/>).</summary>
public sealed record LoanRejected(string LoanId, string ApplicantId, string Product, long Amount, bool ByRules, DateTimeOffset RejectedAt)
{
    public const int Version = 1;
}
