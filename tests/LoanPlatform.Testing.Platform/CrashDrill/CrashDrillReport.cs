namespace LoanPlatform.Testing.Platform.CrashDrill;

/// <summary>What a drill did and every invariant it found broken (none, when the platform kept its promises).</summary>
public sealed record CrashDrillReport(
    int Kills,
    int CleanStops,
    int Loans,
    int CommandsAcknowledged,
    int Lost,
    int Duplicated,
    int ApprovalEmails,
    int SmtpResends,
    int InDoubtEmails,
    int Rehydrated,
    TimeSpan Elapsed,
    IReadOnlyList<string> Violations)
{
    public override string ToString() =>
        $"{Kills} SIGKILLs and {CleanStops} SIGTERMs under load, {Loans} loans, {CommandsAcknowledged} acknowledged commands, " +
        $"{Lost} lost, {Duplicated} duplicated, {ApprovalEmails} approval emails, {SmtpResends} SMTP re-sends of a message, {InDoubtEmails} emails left in doubt by a kill (not re-sent), {Rehydrated} re-hydrations, {Elapsed.TotalSeconds:0} s; " +
        (Violations.Count == 0 ? "no violations" : $"{Violations.Count} violation(s):\n  " + string.Join("\n  ", Violations));
}
