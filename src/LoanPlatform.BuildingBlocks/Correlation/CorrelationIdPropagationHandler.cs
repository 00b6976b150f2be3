using Microsoft.AspNetCore.Http;

namespace LoanPlatform.BuildingBlocks.Correlation;

/// <summary>Carries the current request's correlation id on calls to other services.</summary>
public sealed class CorrelationIdPropagationHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Items[CorrelationId.ItemKey] is string correlationId && !request.Headers.Contains(CorrelationId.HeaderName))
        {
            request.Headers.Add(CorrelationId.HeaderName, correlationId);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
