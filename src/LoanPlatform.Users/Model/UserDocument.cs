namespace LoanPlatform.Users.Model;

/// <summary>An identity document a user uploads (type "user_document"), partitioned by the user id.</summary>
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
    DateTimeOffset? VerifiedAt);
