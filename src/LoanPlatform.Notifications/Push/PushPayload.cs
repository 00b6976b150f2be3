using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Push;

/// <summary>The JSON a service worker receives in its push event (and the local outbox stores): enough to show and open it.</summary>
public sealed record PushPayload(string Id, string Type, string Language, string Title, string Body, string? Path)
{
    public PushPayload(PushNotification notification)
        : this(notification.EventId, notification.EventType, notification.Language, notification.Title, notification.Body, notification.Path)
    {
    }
}
