namespace LoanPlatform.Notifications.Model;

/// <summary>A notification that no retry can deliver (no such user, no template input); it is dead-lettered at once.</summary>
public sealed class PermanentNotificationException(string reason) : Exception(reason);
