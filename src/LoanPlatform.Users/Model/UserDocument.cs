using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Users.Objects;

namespace LoanPlatform.Users.Model;

/// <summary>
/// An identity document a user uploads (type "user_document"), partitioned by the user id. Each step of
/// <see cref="UserDocumentStatus"/> keeps its own timestamp, so the history survives the later steps.
/// </summary>
public sealed record UserDocument(
    string DocumentId,
    string UserId,
    UserDocumentKind Kind,
    string ContentType,
    long SizeBytes,
    string Sha256Hex,
    string ObjectKey,
    UserDocumentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? UploadedAt,
    DateTimeOffset? RejectedAt,
    string? RejectionReason) : IHasOutbox<UserDocument>
{
    /// <summary>Events caused by changes to this document, stored in the same write and removed once published (the outbox).</summary>
    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    /// <summary>What passed the completion check, sealed; set from <see cref="UserDocumentStatus.Uploaded"/> on and read by everyone after.</summary>
    public SealedObject? Sealed { get; init; }

    /// <summary>Every key this document may have left in the object store (the upload and its sealed copy), for erasure.</summary>
    public IReadOnlyList<string> AllObjectKeys() => [ObjectKey, ObjectKeys.ForSealedDocument(UserId, DocumentId)];

    public UserDocument WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };

    /// <summary>The completion check passed on <paramref name="sealedObject"/>, the copy every reader uses from now on.</summary>
    public UserDocument Upload(SealedObject sealedObject, DateTimeOffset at) =>
        Status == UserDocumentStatus.Requested
            ? this with { Status = UserDocumentStatus.Uploaded, UploadedAt = at, Sealed = sealedObject }
            : throw NotFrom(UserDocumentStatus.Uploaded);

    public UserDocument Verify(DateTimeOffset at) =>
        Status == UserDocumentStatus.Uploaded ? this with { Status = UserDocumentStatus.Verified, VerifiedAt = at } : throw NotFrom(UserDocumentStatus.Verified);

    /// <summary>The completion check failed for <paramref name="reason"/>.</summary>
    public UserDocument Reject(string reason, DateTimeOffset at) =>
        Status == UserDocumentStatus.Requested
            ? this with { Status = UserDocumentStatus.Rejected, RejectedAt = at, RejectionReason = reason }
            : throw NotFrom(UserDocumentStatus.Rejected);

    private InvalidOperationException NotFrom(UserDocumentStatus next) => new($"A {Status} document cannot become {next}.");
}
