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

    /// <summary>The role whose decision the stage waits for right now (the escalation role once escalated).</summary>
    public string CurrentRole => Escalated && EscalateToRole is not null ? EscalateToRole : Role;

    public LoanDecisionRecord? Decision { get; init; }
}
