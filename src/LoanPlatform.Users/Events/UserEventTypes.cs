namespace LoanPlatform.Users.Events;

/// <summary>
/// The Users service's audit events (the <c>type</c> of the envelope): each records one committed state change for the
/// audit trail and is not meant for other systems (see docs/events.md). UserRegistered, an integration event, is in
/// <see cref="BuildingBlocks.IntegrationEvents.EventTypes"/>.
/// </summary>
public static class UserEventTypes
{
    public const string ProfileUpdated = "ProfileUpdated";
    public const string NotificationPreferencesChanged = "NotificationPreferencesChanged";
    public const string KtpVerified = "KtpVerified";
    public const string DocumentRequested = "DocumentRequested";
    public const string DocumentVerified = "DocumentVerified";
    public const string DocumentRejected = "DocumentRejected";
    public const string PushDeviceRegistered = "PushDeviceRegistered";
    public const string PushDeviceRemoved = "PushDeviceRemoved";
    public const string UserErased = "UserErased";
    public const string KycSubmitted = "KycSubmitted";
    public const string KycVerified = "KycVerified";
    public const string KycRejected = "KycRejected";
    public const string StaffPersonLinked = "StaffPersonLinked";

    /// <summary>Notification only: a registration's verification code for its email.</summary>
    public const string RegistrationCodeIssued = "RegistrationCodeIssued";

    /// <summary>Notification only: an existing customer is told someone tried to register with their details.</summary>
    public const string RegistrationAttempted = "RegistrationAttempted";
}
