namespace LoanPlatform.Gateway;

/// <summary>
/// One public route of the platform: which service answers it, whether a token is required, and which rate limit
/// applies, and how large a body it takes. The same table drives the local YARP gateway and is checked against the APIM
/// operations in infra/.
/// </summary>
public sealed record GatewayRoute(
    string RouteId, string Path, string Service, GatewayAccess Access, string RateLimitPolicy, IReadOnlyList<string>? Methods = null, long MaxBodyBytes = GatewayRoute.DefaultMaxBodyBytes)
{
    /// <summary>JSON API calls: generous for any request of this API, small enough that a flood of bodies costs little.</summary>
    public const long DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>Document uploads to the local signed URLs: the largest KTP or selfie the Users service accepts, plus slack.</summary>
    public const long DocumentMaxBodyBytes = 6 * 1024 * 1024;
}

public enum GatewayAccess
{
    Anonymous,
    Authenticated,
}
