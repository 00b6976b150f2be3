using System.Text.Json.Serialization;

namespace LoanPlatform.Users.Contracts;

/// <summary>
/// A registered device as its owner sees it: its type, then for Web Push only the push service's host, for FCM only the
/// platform. The endpoint, keys and token are what a sender needs, so they never leave the service except to Notifications.
/// </summary>
public sealed record DeviceResponse(
    string DeviceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Label,
    string Type,
    string? EndpointHost,
    string? Platform,
    DateTimeOffset CreatedAt);
