namespace LoanPlatform.Loans.Workflows;

/// <summary>Configuration section "Loans".</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Loans";

    /// <summary>Folder with the workflow JSON files; defaults to the copy beside the app.</summary>
    public string? WorkflowsPath { get; set; }

    public string DefaultProduct { get; set; } = "cash-loan";

    /// <summary>
    /// How long one "SLA hour" of a workflow lasts. One hour in production; tests and demos shrink it to seconds so an
    /// escalation or an expiry can be watched without waiting a day.
    /// </summary>
    public TimeSpan SlaHour { get; set; } = TimeSpan.FromHours(1);
}
