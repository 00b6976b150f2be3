namespace LoanPlatform.Console.Api;

// GET /audit and GET /audit/verify.

public sealed record AuditEntry(DateTimeOffset Time, string Actor, string Role, string Action, string Resource, string Outcome, int? StatusCode, string? CorrelationId);

public sealed record AuditVerdict(bool Valid, long Checked, long? FirstBrokenAt);
