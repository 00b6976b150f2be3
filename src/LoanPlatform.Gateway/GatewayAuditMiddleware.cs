using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Gateway;

/// <summary>
/// Queues one audit record per request once the response is decided. It runs outermost so refusals by authentication,
/// authorization and rate limiting are recorded too. What the record keeps is <see cref="AuditedRequest.ToRecord"/>'s
/// rule, the same one API Management's requests go through in Azure; only the validated subject and roles, the path, the
/// status, the correlation id, the client IP and the user agent are handed to it: never bodies or Authorization headers.
/// </summary>
public sealed class GatewayAuditMiddleware(RequestDelegate next, AuditQueue queue, TimeProvider time)
{
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
            queue.Enqueue(RequestOf(context, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode).ToRecord());
        }
    }

    private AuditedRequest RequestOf(HttpContext context, int statusCode)
    {
        var user = context.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        return new AuditedRequest(
            time.GetUtcNow(),
            authenticated ? user.FindFirst(PlatformClaims.Subject)?.Value : null,
            authenticated ? user.GetRoles() : [],
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText,
            statusCode,
            context.Items.TryGetValue(CorrelationId.ItemKey, out var correlationId) ? correlationId as string : null,
            context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.UserAgent.ToString());
    }
}
