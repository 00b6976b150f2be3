namespace LoanPlatform.Loans.Model;

/// <summary>
/// One approval stage as planned when the application was scored, copied from the workflow definition so a later
/// change of the definition does not touch applications already in flight.
/// </summary>
public sealed record ApprovalStage
{
    public required string Name { get; init; }

    public required string Role { get; init; }

    public required double SlaHours { get; init; }

    public string? EscalateToRole { get; init; }

    public double? EscalationSlaHours { get; init; }

    /// <summary>Set when the stage opens; a restart continues against the same deadline.</summary>
    public DateTimeOffset? Deadline { get; init; }

    public bool Escalated { get; init; }

    /// <summary>How long the applicant has to answer a referral before the application expires.</summary>
    public double ReferralResponseHours { get; init; } = 72;

    /// <summary>An officer referred the application back; the stage waits for the applicant, not for staff.</summary>
    public bool AwaitingApplicant { get; init; }

    /// <summary>Who the stage waits for right now: the applicant during a referral, else the (escalation) role.</summary>
    public string CurrentRole => AwaitingApplicant ? ApplicantRole : Escalated && EscalateToRole is not null ? EscalateToRole : Role;

    public const string ApplicantRole = "Applicant";

    public LoanDecisionRecord? Decision { get; init; }
}
