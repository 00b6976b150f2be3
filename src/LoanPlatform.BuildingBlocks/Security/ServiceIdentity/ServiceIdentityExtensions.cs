using Azure.Core;
using Azure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

public static class ServiceIdentityExtensions
{
    /// <summary>Validation of service tokens on internal endpoints, and a provider of this service's own token.</summary>
    public static AuthenticationBuilder AddServiceIdentityBearer(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var services = authentication.Services;
        var section = configuration.GetSection(ServiceIdentityOptions.SectionName);
        services.Configure<ServiceIdentityOptions>(section);
        var options = section.Get<ServiceIdentityOptions>() ?? new ServiceIdentityOptions();

        if (options.Mode == ServiceIdentityMode.ManagedIdentity)
        {
            services.AddSingleton<TokenCredential>(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId)));
            services.AddSingleton<IServiceTokenProvider, ManagedIdentityServiceTokenProvider>();
        }
        else
        {
            services.AddSingleton<IServiceTokenProvider, LocalServiceTokenProvider>();
        }

        services.AddTransient<ServiceTokenHandler>();
        return authentication.AddJwtBearer(ServiceIdentityDefaults.Scheme, bearer =>
        {
            bearer.MapInboundClaims = false;
            var validation = new TokenValidationParameters
            {
                ValidateAudience = true,
                ValidAudience = options.Audience,
                ValidateIssuer = true,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                NameClaimType = PlatformClaims.Subject,
                RoleClaimType = PlatformClaims.Roles,
                ClockSkew = PlatformTokenValidation.ClockSkew,
            };
            if (options.Mode == ServiceIdentityMode.ManagedIdentity)
            {
                bearer.Authority = $"https://login.microsoftonline.com/{options.TenantId}/v2.0";
                validation.ValidIssuers = [$"https://login.microsoftonline.com/{options.TenantId}/v2.0", $"https://sts.windows.net/{options.TenantId}/"];
                validation.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
            }
            else
            {
                validation.ValidIssuer = ServiceIdentityDefaults.LocalIssuer;
                validation.ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256];
                validation.IssuerSigningKey = LocalServiceTokenProvider.LoadKey(options);
            }

            bearer.TokenValidationParameters = validation;
        });
    }

    /// <summary>An HttpClient for another service's internal API, carrying this service's identity.</summary>
    public static IHttpClientBuilder AddInternalApiClient<TClient>(this IServiceCollection services, string baseAddressKey, IConfiguration configuration)
        where TClient : class =>
        services.AddHttpClient<TClient>(client => client.BaseAddress = new Uri(configuration[baseAddressKey]
                ?? throw new InvalidOperationException($"Configuration '{baseAddressKey}' is required.")))
            .AddHttpMessageHandler<ServiceTokenHandler>();
}
