using System.Diagnostics.Metrics;
using LoanPlatform.Loans.Model;

namespace LoanPlatform.Loans.Services;

/// <summary>The Loans meter: applications received, final decisions by outcome, and the time from submission to decision.</summary>
internal static class LoansTelemetry
{
    private static readonly Meter Meter = new("LoanPlatform.Loans");

    private static readonly Counter<long> Applications = Meter.CreateCounter<long>("loanplatform.loans.applications", description: "Loan applications accepted.");

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>("loanplatform.loans.decisions", description: "Applications that reached a final state, by outcome.");

    private static readonly Histogram<double> TimeToDecision = Meter.CreateHistogram<double>("loanplatform.loans.time_to_decision", unit: "s", description: "Time from submission to the final state.");

    public static void RecordApplication(string product) => Applications.Add(1, new KeyValuePair<string, object?>("loan.product", product));

    /// <summary>
    /// Recorded when the final transition is built; a write retried after an ETag race builds it again, so under contention
    /// a decision can be counted twice — acceptable for a rate metric, and it keeps the measurement beside the transition.
    /// </summary>
    public static void RecordOutcome(LoanApplication loan, DateTimeOffset at)
    {
        var outcome = new KeyValuePair<string, object?>("loan.outcome", loan.Status.ToString());
        Decisions.Add(1, outcome);
        TimeToDecision.Record((at - loan.SubmittedAt).TotalSeconds, outcome);
    }
}
