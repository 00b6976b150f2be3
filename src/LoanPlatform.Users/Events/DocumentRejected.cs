using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Events;

/// <summary>DocumentRejected v1: the stored object did not match its declaration (the reason stays on the document).</summary>
public sealed record DocumentRejected(string UserId, string DocumentId, UserDocumentKind Kind, DateTimeOffset RejectedAt)
{
    public const int Version = 1;
}
