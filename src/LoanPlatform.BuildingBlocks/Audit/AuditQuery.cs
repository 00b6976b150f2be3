namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>Filters of the audit search: <see cref="Subject"/> matches the actor or appears in the resource.</summary>
public sealed record AuditQuery(string? Subject, DateTimeOffset? From, DateTimeOffset? To);
