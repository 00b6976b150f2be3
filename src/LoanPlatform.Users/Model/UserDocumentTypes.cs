namespace LoanPlatform.Users.Model;

/// <summary>The document types the Users service keeps in its store.</summary>
public static class UserDocumentTypes
{
    public const string Profile = "user_profile";
    public const string UniqueClaim = "unique_claim";
    public const string Document = "user_document";
    public const string ErasureRecord = "erasure_record";
    public const string PushDevice = "push_device";
    public const string StaffPerson = "staff_person";
    public const string PendingRegistration = "pending_registration";
}
