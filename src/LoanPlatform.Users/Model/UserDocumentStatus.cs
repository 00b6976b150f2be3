namespace LoanPlatform.Users.Model;

/// <summary>Requested → Uploaded → Verified, or Requested → Rejected when the stored object does not match its declaration.</summary>
public enum UserDocumentStatus
{
    /// <summary>An upload URL was handed out; nothing valid has been stored yet.</summary>
    Requested,

    /// <summary>The completion check found the object and it matched size, type, SHA-256 and file signature.</summary>
    Uploaded,

    /// <summary>The file checks passed (right after Uploaded); whether the identity is verified is the customer's KYC review.</summary>
    Verified,

    /// <summary>The stored object did not match; it was deleted and the client requests a new document.</summary>
    Rejected,
}
