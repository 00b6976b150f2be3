using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Users.Model;

/// <summary>
/// What is kept after an erasure under UU PDP (type "erasure_record"): proof that a request was honoured, when and on
/// which basis. The subject appears only as a SHA-256 of the user id, so the record identifies no one.
/// </summary>
public sealed record ErasureRecord(string SubjectHash, DateOnly ErasedOn, string LegalBasis, int DocumentsErased) : IHasOutbox<ErasureRecord>
{
    /// <summary>The erasure's own audit event rides here: the profile it changed is gone, this record stays.</summary>
    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public ErasureRecord WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };
}
