namespace LoanPlatform.Console.Api;

// GET /audit and GET /audit/verify.

public sealed record AuditEntry(DateTimeOffset Time, string Actor, string Role, string Action, string Resource, string Outcome, int? StatusCode, string? CorrelationId);

/// <summary>One page of the trail; <see cref="Next"/> continues the search where the page ended.</summary>
public sealed record AuditEntryPage(IReadOnlyList<AuditEntry> Items, string? Next);

public sealed record AuditVerdict(bool Valid, long Checked, long? FirstBrokenAt);
