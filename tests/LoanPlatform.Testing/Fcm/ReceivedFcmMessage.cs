namespace LoanPlatform.Testing.Fcm;

/// <summary>A message the FCM stand-in accepted: the device token, what the phone shows, the app's data and the delivery options.</summary>
public sealed record ReceivedFcmMessage(
    string RegistrationToken,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string> Data,
    string AndroidPriority,
    string AndroidTtl,
    string ApnsPriority);
