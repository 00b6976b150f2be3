namespace LoanPlatform.BuildingBlocks.IntegrationEvents;

/// <summary>
/// An officer asked the applicant for more information: the application waits for them until <see cref="RespondBy"/>,
/// then expires. The question itself stays in the loan's history, shown in the app, not in the event.
/// </summary>
public sealed record LoanReferredToApplicant(string LoanId, string ApplicantId, DateTimeOffset RespondBy, DateTimeOffset ReferredAt)
{
    public const int Version = 1;
}
