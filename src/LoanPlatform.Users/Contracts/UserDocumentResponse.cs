using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>A document's state; <see cref="Download"/> is present once a verified object is stored.</summary>
public sealed record UserDocumentResponse(
    string DocumentId,
    UserDocumentKind Type,
    string ContentType,
    long SizeBytes,
    UserDocumentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? VerifiedAt,
    SignedRequestResponse? Download);
