using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Model;

namespace LoanPlatform.Gateway;

/// <summary>
/// Each route's body limit (<see cref="GatewayRoute.MaxBodyBytes"/>) instead of Kestrel's 30 MB for all: a body over it
/// is cut off with 413 while it is read, before the service spends anything on it.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public const string MetadataKey = "MaxBodyBytes";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata is { } metadata
            && metadata.TryGetValue(MetadataKey, out var value)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
