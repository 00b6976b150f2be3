using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// One committed state change of a service, as it reaches the trail: from the service's outbox, so it is recorded
/// exactly when the change was committed and never lost. Posted to <c>POST /internal/audit/changes</c> in Azure; written
/// to the trail directly on one machine. <see cref="SourceEventId"/> makes a redelivery land on the same record.
/// </summary>
public sealed record AuditedChange(
    DateTimeOffset? Time,
    string? Actor,
    string? Role,
    string? Action,
    string? Resource,
    string? SourceEventId,
    string? CorrelationId)
{
    /// <summary>The change an outbox event records: its type is the action, <paramref name="resourcePrefix"/>/subject the resource.</summary>
    public static AuditedChange From(OutboxEvent outboxEvent, string resourcePrefix) => new(
        outboxEvent.OccurredAt,
        outboxEvent.ActorId ?? ChangeActor.System("unknown").Id,
        outboxEvent.ActorRole ?? ChangeActor.SystemRole,
        outboxEvent.Type,
        $"{resourcePrefix}/{outboxEvent.Subject}",
        outboxEvent.EventId,
        outboxEvent.CorrelationId);

    /// <summary>The record of a change whose fields are known (the ingest endpoint checks them first).</summary>
    public AuditRecord ToRecord() => new(
        Time ?? throw new InvalidOperationException("An audited change needs a time."),
        Actor ?? throw new InvalidOperationException("An audited change needs an actor."),
        Role ?? ChangeActor.SystemRole,
        Action ?? throw new InvalidOperationException("An audited change needs an action."),
        Resource ?? throw new InvalidOperationException("An audited change needs a resource."),
        "success",
        StatusCode: null,
        CorrelationId,
        ClientIp: null,
        UserAgent: null)
    {
        SourceEventId = SourceEventId,
    };
}
