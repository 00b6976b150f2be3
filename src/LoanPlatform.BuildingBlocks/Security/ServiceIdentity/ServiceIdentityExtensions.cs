using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

public static class ServiceIdentityExtensions
{
    /// <summary>
    /// Validation of service tokens (on internal endpoints, and as the gateway's proof on public ones), the per-endpoint
    /// caller policies (<see cref="ServiceCallers"/>), and a provider of this service's own token.
    /// </summary>
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
        services.TryAddSingleton<IAuthorizationPolicyProvider, ServiceCallerPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, ServiceCallerHandler>();
        var validation = ValidationOf(options);
        void Configure(JwtBearerOptions bearer)
        {
            bearer.MapInboundClaims = false;
            if (options.Mode == ServiceIdentityMode.ManagedIdentity)
            {
                bearer.Authority = $"https://login.microsoftonline.com/{options.TenantId}/v2.0";
            }

            bearer.TokenValidationParameters = validation;
            bearer.CacheValidatedTokens();
            bearer.Events = new JwtBearerEvents { OnTokenValidated = BindLocalSubjectToKey };
        }

        return authentication
            .AddJwtBearer(ServiceIdentityDefaults.Scheme, Configure)
            .AddJwtBearer(ServiceIdentityDefaults.GatewayProofScheme, bearer =>
            {
                Configure(bearer);
                bearer.Events.OnMessageReceived = context =>
                {
                    var header = context.Request.Headers[ServiceIdentityDefaults.GatewayProofHeader].ToString();
                    context.Token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
                    return Task.CompletedTask;
                };
            });
    }

    private static TokenValidationParameters ValidationOf(ServiceIdentityOptions options)
    {
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
            validation.ValidIssuers = [$"https://login.microsoftonline.com/{options.TenantId}/v2.0", $"https://sts.windows.net/{options.TenantId}/"];
            validation.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
            return validation;
        }

        // Each known service's own public key, found by the token's kid (the service's name); an unknown kid has no key.
        var keys = new ConcurrentDictionary<string, SecurityKey>(StringComparer.Ordinal);
        validation.ValidIssuer = ServiceIdentityDefaults.LocalIssuer;
        validation.ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256];
        validation.IssuerSigningKeyResolver = (_, _, kid, _) => kid is not null && ServiceCallers.All.Contains(kid)
            ? [keys.GetOrAdd(kid, name => LocalServiceTokenProvider.LoadKey(options, name))]
            : [];
        return validation;
    }

    /// <summary>Locally the subject must be the service whose key signed the token: a service cannot speak for another.</summary>
    private static Task BindLocalSubjectToKey(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken { Issuer: ServiceIdentityDefaults.LocalIssuer } token && token.Kid != token.Subject)
        {
            context.Fail("The service token's subject is not the service that signed it.");
        }

        return Task.CompletedTask;
    }

    /// <summary>An HttpClient for another service's internal API, carrying this service's identity.</summary>
    public static IHttpClientBuilder AddInternalApiClient<TClient>(this IServiceCollection services, string baseAddressKey, IConfiguration configuration)
        where TClient : class =>
        services.AddHttpClient<TClient>(client => client.BaseAddress = new Uri(configuration[baseAddressKey]
                ?? throw new InvalidOperationException($"Configuration '{baseAddressKey}' is required.")))
            .AddHttpMessageHandler<ServiceTokenHandler>();
}
