using System.Text.Json.Serialization;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// One entry of the append-only audit trail: who did what to which resource, with what outcome. It never holds passwords,
/// tokens or unmasked personal data: actors are subject ids, resources are paths without query strings.
/// <see cref="Sequence"/>, <see cref="PreviousHash"/> and <see cref="Hash"/> are set by <see cref="AuditTrail"/> when it appends.
/// </summary>
/// <param name="Outcome">"success", "denied" or "failure".</param>
/// <param name="StatusCode">The HTTP status of a request; null for a state change.</param>
public sealed record AuditRecord(
    DateTimeOffset Time,
    string Actor,
    string Role,
    string Action,
    string Resource,
    string Outcome,
    int? StatusCode,
    string? CorrelationId,
    string? ClientIp,
    string? UserAgent)
{
    /// <summary>
    /// The event this record was written for (a state change leaving an outbox, or <c>request:{id}</c> for a request's
    /// hand-off); the trail keeps one record per source however often it is delivered. Left out of the JSON when null, so
    /// records from before it hash as they did.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SourceEventId { get; init; }

    public long Sequence { get; init; }

    public string PreviousHash { get; init; } = "";

    public string Hash { get; init; } = "";

    public static string OutcomeOf(int statusCode) => statusCode switch
    {
        < 400 => "success",
        401 or 403 => "denied",
        _ => "failure",
    };
}
