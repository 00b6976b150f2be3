using System.Diagnostics;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Audit;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// An event waiting in its aggregate's document until it is published, and the envelope it travels in afterwards
/// (notifications queue, integration topic, local event log). The schema of each type is in docs/events.md.
/// </summary>
/// <param name="EventId">Unique per event; consumers deduplicate by it and Service Bus uses it as the message id.</param>
/// <param name="Type">The event name, e.g. LoanApproved.</param>
/// <param name="Version">The schema version of <paramref name="Payload"/>; a breaking change is a new version.</param>
/// <param name="Subject">The aggregate it is about (loan id, user id); also the ordering key.</param>
/// <param name="TraceParent">The W3C trace context of the change, so publishing and handling join the same trace.</param>
/// <param name="CorrelationId">The correlation id of the request that caused the change, for its audit record; null when
/// no request did (a timer) and in events stored before it existed.</param>
/// <param name="ActorId">Who made the change (a user or staff id, or <c>system:…</c> for a background job), for its audit
/// record; null in events that carry their actor in the payload and in events stored before it existed.</param>
/// <param name="ActorRole">The role the actor acted in.</param>
/// <param name="NotificationOnly">A message for one person that carries a secret (a verification code, an unlock token):
/// it goes to the notifications queue and is audited by type, but never to the integration topic or the local event log.</param>
public sealed record OutboxEvent(
    string EventId,
    string Type,
    int Version,
    DateTimeOffset OccurredAt,
    string Subject,
    JsonElement Payload,
    string? TraceParent = null,
    string? CorrelationId = null,
    string? ActorId = null,
    string? ActorRole = null,
    bool NotificationOnly = false)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A new event of <paramref name="type"/> carrying <paramref name="payload"/>, stamped with the current trace and with
    /// <paramref name="correlationId"/>, or else the correlation id of the request being handled.
    /// </summary>
    public static OutboxEvent Create<TPayload>(string type, int version, string subject, TPayload payload, DateTimeOffset occurredAt, string? correlationId = null) =>
        new(Guid.CreateVersion7().ToString("N"), type, version, occurredAt, subject,
            JsonSerializer.SerializeToElement(payload, PayloadJson), Activity.Current?.Id, correlationId ?? Correlation.CorrelationId.Current);

    /// <summary>A new event as <see cref="Create{TPayload}"/> makes it, made by <paramref name="actor"/>.</summary>
    public static OutboxEvent Create<TPayload>(string type, int version, string subject, TPayload payload, DateTimeOffset occurredAt, ChangeActor actor) =>
        Create(type, version, subject, payload, occurredAt) with { ActorId = actor.Id, ActorRole = actor.Role };

    public TPayload PayloadAs<TPayload>() =>
        Payload.Deserialize<TPayload>(PayloadJson) ?? throw new JsonException($"Event {EventId} has no {typeof(TPayload).Name} payload.");
}
