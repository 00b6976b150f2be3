using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>
/// A document's state with the time of each step; <see cref="RejectionReason"/> says why a Rejected upload did not match,
/// and <see cref="Download"/> is present once a verified object is stored.
/// </summary>
public sealed record UserDocumentResponse(
    string DocumentId,
    UserDocumentKind Type,
    string ContentType,
    long SizeBytes,
    UserDocumentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? VerifiedAt,
    SignedRequestResponse? Download,
    DateTimeOffset? UploadedAt,
    DateTimeOffset? RejectedAt,
    string? RejectionReason);
