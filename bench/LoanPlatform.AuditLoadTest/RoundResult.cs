namespace LoanPlatform.AuditLoadTest;

/// <summary>One round of a closed-loop load: requests answered per second, and the median and 99th percentile in ms.</summary>
public sealed record RoundResult(double PerSecond, double P50, double P99);
