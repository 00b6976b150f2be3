using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>
/// Only our gateway reaches a service's public endpoints: API Management (locally the YARP gateway) adds its own
/// service token in <see cref="ServiceIdentityDefaults.GatewayProofHeader"/> to every request it forwards, and a service
/// with <c>GatewayProof:Required</c> refuses (403) any public request without a valid one from the caller
/// <see cref="ServiceCallers.Gateway"/>. Network rules (service tags) are shared with other tenants; this is not.
/// Exempt: internal endpoints (/internal/), which accept only the service identities each one names, and the token
/// issuer's public discovery document and keys (/auth/.well-known/), which the other services' token validators read
/// from the Auth app directly and which protect nothing.
/// </summary>
public static class GatewayProof
{
    public const string SectionName = "GatewayProof";

    public static readonly IReadOnlyList<PathString> ExemptPrefixes = ["/internal", "/auth/.well-known"];

    public static bool IsRequired(HttpContext context) =>
        context.RequestServices.GetRequiredService<IConfiguration>().GetValue<bool>($"{SectionName}:Required");

    /// <summary>True when the request may go on; otherwise the 403 problem is written.</summary>
    public static async Task<bool> CheckAsync(HttpContext context)
    {
        if (!IsRequired(context) || ExemptPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix)))
        {
            return true;
        }

        var proof = await context.AuthenticateAsync(ServiceIdentityDefaults.GatewayProofScheme);
        var options = context.RequestServices.GetRequiredService<IOptions<ServiceIdentityOptions>>().Value;
        if (proof.Succeeded && ServiceCallerIdentity.CallerOf(proof.Principal, options) == ServiceCallers.Gateway)
        {
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Type = ProblemTypes.Uri("gateway-required"),
                Title = "Requests reach this service only through the API gateway.",
            },
        });
        return false;
    }
}
