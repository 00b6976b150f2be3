namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// One request as the gateway in front of the services saw it: the local gateway builds it from the request, API
/// Management puts it on the audit queue (read by the Loans app's queue trigger). <see cref="ToRecord"/> is the one
/// rule for what the trail keeps of a request: the validated subject (or "anonymous"), never a token; the path without
/// its query string (signed URLs carry secrets there); the outcome from the status; a truncated user agent.
/// </summary>
/// <param name="Subject">The validated token's <c>sub</c>; null or empty for an anonymous or refused request.</param>
/// <param name="Route">The matched route template (e.g. <c>/loans/{loanId}</c>), when the gateway knows it.</param>
/// <param name="Id">The hand-off's id for this request (API Management's request id, or the gateway's): a record handed
/// off twice (a queue message delivered again, a spool replayed after a crash) is appended once.</param>
public sealed record AuditedRequest(
    DateTimeOffset? Time,
    string? Subject,
    IReadOnlyList<string>? Roles,
    string? Method,
    string? Path,
    string? Route,
    int? StatusCode,
    string? CorrelationId,
    string? ClientIp,
    string? UserAgent,
    string? Id = null)
{
    public const string Anonymous = "anonymous";

    public const int MaxUserAgentLength = 200;

    /// <summary>The record of a request whose time, method, path and status are known (the ingest endpoint checks them first).</summary>
    public AuditRecord ToRecord()
    {
        var path = WithoutQuery(Path) ?? throw new InvalidOperationException("An audited request needs a path.");
        var statusCode = StatusCode ?? throw new InvalidOperationException("An audited request needs a status code.");
        return new AuditRecord(
            Time ?? throw new InvalidOperationException("An audited request needs a time."),
            string.IsNullOrEmpty(Subject) ? Anonymous : Subject,
            string.Join(",", Roles ?? []),
            $"{Method?.ToUpperInvariant()} {WithoutQuery(Route) ?? path}",
            path,
            AuditRecord.OutcomeOf(statusCode),
            statusCode,
            CorrelationId,
            ClientIp,
            UserAgent is { Length: > MaxUserAgentLength } ? UserAgent[..MaxUserAgentLength] : UserAgent)
        {
            SourceEventId = string.IsNullOrEmpty(Id) ? null : $"request:{Id}",
        };
    }

    private static string? WithoutQuery(string? path) => path?.Split('?', 2)[0];
}
