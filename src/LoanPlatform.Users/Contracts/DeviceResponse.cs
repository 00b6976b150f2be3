using System.Text.Json.Serialization;

namespace LoanPlatform.Users.Contracts;

/// <summary>
/// A registered device as its owner sees it. Only the push service's host is shown: the full endpoint and the keys
/// are what a sender needs, so they never leave the service except to Notifications.
/// </summary>
public sealed record DeviceResponse(
    string DeviceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Label,
    string EndpointHost,
    DateTimeOffset CreatedAt);
