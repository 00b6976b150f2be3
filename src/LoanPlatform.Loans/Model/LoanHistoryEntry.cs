using LoanPlatform.BuildingBlocks.Security;

namespace LoanPlatform.Loans.Model;

/// <summary>One immutable line of a loan's timeline: a transition or a decision, by whom, in which role, when.</summary>
public sealed record LoanHistoryEntry(
    DateTimeOffset At,
    string Event,
    LoanStatus? From,
    LoanStatus To,
    string ActorId,
    string ActorRole,
    string? Comment)
{
    /// <summary>The entry as the applicant reads it: a staff member is named by their role, never their id.</summary>
    public LoanHistoryEntry ForApplicant() => PlatformRoles.Staff.Contains(ActorRole) ? this with { ActorId = ActorRole } : this;
}
