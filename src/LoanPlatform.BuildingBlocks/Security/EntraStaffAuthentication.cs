using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.BuildingBlocks.Security;

/// <summary>
/// Staff tokens from Entra ID through Microsoft.Identity.Web, beside the customers' own tokens. A policy scheme is the
/// default and forwards by the token's (unvalidated) issuer; each scheme then validates everything itself, pinned to
/// its own issuer and audience, so a token cannot borrow the other audience by naming the other issuer.
/// </summary>
public static class EntraStaffAuthentication
{
    /// <summary>The default scheme when staff tokens are accepted: picks the customer or the staff scheme per request.</summary>
    public const string SelectorScheme = "PlatformBearer";

    public static AuthenticationBuilder AddEntraStaffBearer(this AuthenticationBuilder authentication, IConfiguration configuration, EntraStaffOptions staff)
    {
        authentication.AddMicrosoftIdentityWebApi(configuration.GetSection(EntraStaffOptions.SectionName), EntraStaffOptions.Scheme, subscribeToJwtBearerMiddlewareDiagnosticsEvents: false);

        // Registered after Microsoft.Identity.Web's own configuration, so these pins are what applies.
        authentication.Services.Configure<JwtBearerOptions>(EntraStaffOptions.Scheme, bearer =>
        {
            bearer.MapInboundClaims = false;
            bearer.Authority = staff.Issuer;
            bearer.RequireHttpsMetadata = !AuthenticationExtensions.IsLoopback(staff.Issuer);
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = staff.Issuer,
                ValidateAudience = true,
                ValidAudience = staff.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ClockSkew = PlatformTokenValidation.ClockSkew,
                NameClaimType = PlatformClaims.Subject,
                RoleClaimType = PlatformClaims.Roles,
            };
            var validated = bearer.Events?.OnTokenValidated;
            bearer.Events ??= new JwtBearerEvents();
            bearer.Events.OnTokenValidated = async context =>
            {
                if (validated is not null)
                {
                    await validated(context);
                }

                if (context.Result?.Failure is null && RefusalOf(context.Principal, staff) is { } refusal)
                {
                    context.Fail(refusal);
                }
            };
        });

        return authentication.AddPolicyScheme(SelectorScheme, "Customer or staff bearer token", policy =>
            policy.ForwardDefaultSelector = context => IssuerOf(context) == staff.Issuer ? EntraStaffOptions.Scheme : JwtBearerDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// What API Management checks beside the signature, checked again here so a request that reaches the app some other
    /// way meets the same rule: a known client application, and one of the staff roles.
    /// </summary>
    public static string? RefusalOf(System.Security.Claims.ClaimsPrincipal? principal, EntraStaffOptions staff)
    {
        var client = principal?.FindFirst("azp")?.Value ?? principal?.FindFirst("appid")?.Value;
        if (client is null || !staff.ClientApplicationIds.Contains(client, StringComparer.OrdinalIgnoreCase))
        {
            return "The staff token was not issued to an allowed client application.";
        }

        return principal!.FindAll(PlatformClaims.Roles).Any(role => PlatformRoles.Staff.Contains(role.Value))
            ? null
            : "The staff token carries no staff role.";
    }

    private static string? IssuerOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var handler = new JsonWebTokenHandler();
        var token = header["Bearer ".Length..].Trim();
        // Only a routing hint: the chosen scheme validates the signature, issuer and audience.
        return handler.CanReadToken(token) ? handler.ReadJsonWebToken(token).Issuer : null;
    }
}
