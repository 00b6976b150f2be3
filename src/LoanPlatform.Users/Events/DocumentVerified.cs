using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Events;

/// <summary>DocumentVerified v1: the stored object matched its declaration and the document was accepted.</summary>
public sealed record DocumentVerified(string UserId, string DocumentId, UserDocumentKind Kind, DateTimeOffset VerifiedAt)
{
    public const int Version = 1;
}
