using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Correlation;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoanPlatform.Gateway;

/// <summary>
/// Writes one audit record per request to the spool before the response starts, so no caller is answered without its
/// record being on disk. It runs outermost so refusals by authentication, authorization and rate limiting are recorded
/// too. What the record keeps is <see cref="AuditedRequest.ToRecord"/>'s rule, the same one API Management's requests go
/// through in Azure; only the validated subject and roles, the path, the status, the correlation id, the client IP and
/// the user agent are handed to it: never bodies or Authorization headers.
/// </summary>
public sealed class GatewayAuditMiddleware(RequestDelegate next, AuditSpool spool, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var recorded = false;
        void Record(int statusCode)
        {
            if (!recorded)
            {
                recorded = true;
                spool.Append(RequestOf(context, statusCode).ToRecord());
            }
        }

        // The status is final once the response starts; the record is written before its first byte leaves.
        context.Response.OnStarting(() =>
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        catch when (!context.Response.HasStarted)
        {
            // The server answers 500 after this; record that now, with nothing else of the failure.
            Record(StatusCodes.Status500InternalServerError);
            throw;
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
            context.Request.Headers.UserAgent.ToString(),
            Guid.CreateVersion7().ToString("N"));
    }
}
