using System.Text.Json.Serialization;

namespace LoanPlatform.Notifications.Push;

/// <summary>
/// The body of FCM HTTP v1 <c>messages:send</c>: a notification the phone shows by itself (the same short, amount-free
/// texts as every push), data the app opens from, and high priority on both platforms since these are decisions about
/// the customer's loan.
/// </summary>
public sealed record FcmSendRequest(FcmMessage Message);

public sealed record FcmMessage(string Token, FcmNotification Notification, IReadOnlyDictionary<string, string> Data, FcmAndroidConfig Android, FcmApnsConfig Apns);

public sealed record FcmNotification(string Title, string Body);

/// <summary><see cref="Ttl"/> is a protobuf Duration in JSON: seconds followed by "s".</summary>
public sealed record FcmAndroidConfig(string Priority, string Ttl);

public sealed record FcmApnsConfig([property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers);
