namespace LoanPlatform.Users.Events;

/// <summary>
/// The subjects of the Users service's events: the resource under <c>/users</c> they changed, so the audit record names
/// the document or device and an auditor still finds it by the user id.
/// </summary>
public static class EventSubjects
{
    public static string Document(string userId, string documentId) => $"{userId}/documents/{documentId}";

    public static string Device(string userId, string deviceId) => $"{userId}/devices/{deviceId}";

    public static string Kyc(string userId) => $"{userId}/kyc";

    public static string StaffPerson(string staffId) => $"staff/{staffId}";
}
