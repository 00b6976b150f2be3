namespace LoanPlatform.Gateway;

/// <summary>
/// One public route of the platform: which service answers it, whether a token is required, and which rate limit
/// applies. The same table drives the local YARP gateway and is checked against the APIM operations in infra/.
/// </summary>
public sealed record GatewayRoute(string RouteId, string Path, string Service, GatewayAccess Access, string RateLimitPolicy, IReadOnlyList<string>? Methods = null);

public enum GatewayAccess
{
    Anonymous,
    Authenticated,
}
