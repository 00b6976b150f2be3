using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Gateway;

/// <summary>
/// Queues one audit record per request once the response is decided. It runs outermost so refusals by authentication,
/// authorization and rate limiting are recorded too. Only the validated subject, the path without its query string and a
/// truncated user agent are kept: never bodies, Authorization headers or query values (signed URLs carry secrets there).
/// </summary>
public sealed class GatewayAuditMiddleware(RequestDelegate next, AuditQueue queue, TimeProvider time)
{
    public const int MaxUserAgentLength = 200;

    public async Task InvokeAsync(HttpContext context)
    {
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            queue.Enqueue(RecordOf(context, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode));
        }
    }

    private AuditRecord RecordOf(HttpContext context, int statusCode)
    {
        var user = context.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new AuditRecord(
            time.GetUtcNow(),
            authenticated ? user.FindFirst(PlatformClaims.Subject)?.Value ?? "anonymous" : "anonymous",
            authenticated ? string.Join(",", user.GetRoles()) : "",
            $"{context.Request.Method} {template ?? context.Request.Path.Value}",
            context.Request.Path.Value ?? "/",
            AuditRecord.OutcomeOf(statusCode),
            statusCode,
            context.Items.TryGetValue(CorrelationId.ItemKey, out var correlationId) ? correlationId as string : null,
            context.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent);
    }
}
