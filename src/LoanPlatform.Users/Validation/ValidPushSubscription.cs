namespace LoanPlatform.Users.Validation;

/// <summary>A device registration that passed every rule: the endpoint as the browser gave it, its host, the keys and a trimmed label.</summary>
public sealed record ValidPushSubscription(string Endpoint, string EndpointHost, string P256dh, string Auth, string? Label)
{
    // The endpoint and keys let anyone push to the device; keep them out of any accidental log line.
    public override string ToString() => $"{nameof(ValidPushSubscription)} {{ EndpointHost = {EndpointHost} }}";
}
