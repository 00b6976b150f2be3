using System.Collections.Concurrent;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>
/// Notices an API operation answering a problem type its metadata does not declare (<see cref="EndpointProblems"/>):
/// its OpenAPI document would then lie to generated clients. Logged as a warning and kept, so tests can assert none.
/// </summary>
public sealed class UndeclaredProblems(ILogger<UndeclaredProblems> logger)
{
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>"EndpointName: code" for each undeclared answer seen so far.</summary>
    public IReadOnlyCollection<string> Seen => _seen.Keys.ToArray();

    public void Check(HttpContext context, string code)
    {
        // A cancelled request has no reader; it is not an answer of the operation. Gateway-required goes only to a caller
        // who went around the gateway, and the documents describe the API as the gateway serves it.
        if (code == Catalog.CommonProblems.Cancelled.Code || code == Catalog.CommonProblems.GatewayRequired.Code)
        {
            return;
        }

        // The exception handler clears the request's endpoint before it writes a thrown problem; its feature keeps it.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>() is not { } name || !EndpointProblems.IsDocumented(endpoint.Metadata))
        {
            return;
        }

        if (!EndpointProblems.For(endpoint.Metadata).Any(type => type.Code == code) && _seen.TryAdd($"{name.EndpointName}: {code}", 0))
        {
            logger.LogWarning("Operation {Operation} answered problem type {ProblemType}, which it does not declare", name.EndpointName, code);
        }
    }
}
