namespace LoanPlatform.Users.Model;

public enum UserDocumentStatus
{
    /// <summary>An upload URL was handed out; nothing valid has been stored yet.</summary>
    Requested,

    Verified,
}
