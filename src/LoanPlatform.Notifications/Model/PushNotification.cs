namespace LoanPlatform.Notifications.Model;

/// <summary>
/// What a push shows: short and free of amounts or other personal data, since it may appear on a locked screen. The app
/// opens <see cref="Path"/> for the details.
/// </summary>
public sealed record PushNotification(string EventId, string EventType, string Language, string Title, string Body, string? Path);
