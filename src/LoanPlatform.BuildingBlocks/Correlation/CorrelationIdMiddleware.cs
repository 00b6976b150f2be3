using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.BuildingBlocks.Correlation;

/// <summary>Accepts a safe incoming correlation id or makes one, echoes it, and puts it on the trace and the log scope.</summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationId.HeaderName].ToString();
        var correlationId = CorrelationId.IsAcceptable(incoming) ? incoming : CorrelationId.NewId();
        context.Request.Headers[CorrelationId.HeaderName] = correlationId;
        context.Items[CorrelationId.ItemKey] = correlationId;
        // Flows into everything the request awaits, and ends with it.
        CorrelationId.Current = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("correlation.id", correlationId);
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }
}
