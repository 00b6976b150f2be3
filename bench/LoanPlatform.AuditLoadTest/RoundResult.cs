namespace LoanPlatform.AuditLoadTest;

/// <summary>
/// One round of a closed-loop load: requests answered per second, the median and 99th percentile in ms, and the process
/// CPU time spent per request in µs and the full (generation 2) garbage collections per thousand requests.
/// </summary>
public sealed record RoundResult(double PerSecond, double P50, double P99, double CpuMicroseconds, double FullCollectionsPerThousand);
