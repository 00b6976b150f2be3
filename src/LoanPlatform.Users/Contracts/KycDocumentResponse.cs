using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>
/// A document as a reviewer checks it: what was declared and verified byte for byte (size, SHA-256), and a read-only URL
/// that expires in minutes. The URL is a bearer credential: it is handed to the reviewer and never logged.
/// </summary>
public sealed record KycDocumentResponse(
    string DocumentId,
    UserDocumentKind Type,
    string ContentType,
    long SizeBytes,
    string Sha256,
    UserDocumentStatus Status,
    string ReadUrl,
    DateTimeOffset ReadUrlExpiresAt);
