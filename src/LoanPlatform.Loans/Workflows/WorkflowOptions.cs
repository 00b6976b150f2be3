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

    /// <summary>How long a finished loan's orchestration history is kept; the loan's own record stays in the Loans store.</summary>
    public TimeSpan OrchestrationHistoryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the local host looks for histories to purge (the Function app runs an hourly timer).</summary>
    public TimeSpan OrchestrationPurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
