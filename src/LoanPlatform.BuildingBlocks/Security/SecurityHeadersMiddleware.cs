using Microsoft.AspNetCore.Http;

namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>
/// Headers every answer carries: no MIME sniffing, no referrer leaving with our URLs (signed upload and download URLs
/// are capabilities), and HSTS on HTTPS (in Azure; API Management sets it too). Kestrel's Server header is off
/// (<c>AddServiceDefaults</c>).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string HstsValue = "max-age=31536000; includeSubDomains";

    public Task InvokeAsync(HttpContext context)
    {
        Apply(context);
        return next(context);
    }

    public static void Apply(HttpContext context) => context.Response.OnStarting(() =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = HstsValue;
        }

        headers.Remove("Server");
        return Task.CompletedTask;
    });
}
