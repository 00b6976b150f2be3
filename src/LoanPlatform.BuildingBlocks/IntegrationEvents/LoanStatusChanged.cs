namespace LoanPlatform.BuildingBlocks.IntegrationEvents;

/// <summary>LoanStatusChanged v1: every transition of a loan, with who made it (the audit trail records these).</summary>
public sealed record LoanStatusChanged(string LoanId, string ApplicantId, string From, string To, string ActorId, string ActorRole, DateTimeOffset ChangedAt)
{
    public const int Version = 1;
}
