using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Events;

/// <summary>DocumentRequested v1: a document was declared and an upload URL handed out.</summary>
public sealed record DocumentRequested(string UserId, string DocumentId, UserDocumentKind Kind, DateTimeOffset RequestedAt)
{
    public const int Version = 1;
}
