namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// An aggregate that carries its own outbox: the events a state change causes are stored in the same document, so the
/// one ETag-checked replace that stores the change stores its events too (no cross-document transaction needed).
/// </summary>
public interface IHasOutbox<out TSelf> where TSelf : class
{
    IReadOnlyList<OutboxEvent> PendingEvents { get; }

    /// <summary>Stored alongside the events so the sweeper can find documents with work left by an equality query.</summary>
    bool HasPendingEvents { get; }

    TSelf WithPendingEvents(IReadOnlyList<OutboxEvent> events);

    /// <summary>
    /// How long the document has left to live, for a document that expires (a refresh session); null keeps it for ever.
    /// Every replace states the time to live anew, so the outbox's own writes ask the document rather than drop it.
    /// </summary>
    TimeSpan? TimeToLiveAt(DateTimeOffset now) => null;
}
