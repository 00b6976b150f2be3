using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

public sealed record UserDataExportDocument(
    string DocumentId,
    UserDocumentKind Type,
    string ContentType,
    long SizeBytes,
    string Sha256,
    UserDocumentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? UploadedAt,
    DateTimeOffset? RejectedAt,
    string? RejectionReason);
