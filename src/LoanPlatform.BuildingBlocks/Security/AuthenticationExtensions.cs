using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.BuildingBlocks.Security;

public static class AuthenticationExtensions
{
    /// <summary>
    /// Bearer validation as strict as the gateway's (defence in depth): pinned issuer and audience, ES256 only,
    /// signed and expiring tokens, keys only from the issuer's JWKS by kid; plus the internal service-to-service scheme,
    /// and Entra ID staff tokens when the EntraStaff section is configured. Internal endpoints name their callers
    /// (<see cref="ServiceCallers"/>); every other endpoint without a policy of its own needs an authenticated caller.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var jwt = builder.Configuration.GetSection(JwtOptions.SectionName).Get<JwtOptions>() ?? new JwtOptions();
        builder.Services.Configure<JwtOptions>(builder.Configuration.GetSection(JwtOptions.SectionName));

        var staff = builder.Configuration.GetSection(EntraStaffOptions.SectionName).Get<EntraStaffOptions>() ?? new EntraStaffOptions();

        var authentication = builder.Services.AddAuthentication(staff.IsConfigured ? EntraStaffAuthentication.SelectorScheme : JwtBearerDefaults.AuthenticationScheme);
        authentication
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.MetadataAddress = jwt.MetadataAddress;
                options.RequireHttpsMetadata = !IsLoopback(jwt.MetadataAddress);
                options.TokenValidationParameters = PlatformTokenValidation.ForAccessTokens(jwt.Issuer, jwt.Audience);
                options.CacheValidatedTokens();
            })
            .AddServiceIdentityBearer(builder.Configuration);
        if (staff.IsConfigured)
        {
            authentication.AddEntraStaffBearer(builder.Configuration, staff);
        }

        // Fail closed: an endpoint that says nothing about access needs a signed-in caller; anonymous ones say so.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>A client's token is verified once, not on every request (<see cref="CachingJsonWebTokenHandler"/>).</summary>
    internal static void CacheValidatedTokens(this JwtBearerOptions bearer)
    {
        bearer.TokenHandlers.Clear();
        bearer.TokenHandlers.Add(new CachingJsonWebTokenHandler(TimeProvider.System) { MapInboundClaims = bearer.MapInboundClaims });
    }

    internal static bool IsLoopback(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
