using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace LoanPlatform.BuildingBlocks.OpenApi;

public static class OpenApiExtensions
{
    /// <summary>One OpenAPI document per service, named after it, declaring the Bearer (JWT) scheme the API uses.</summary>
    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services, string serviceName) =>
        services.AddOpenApi(serviceName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = $"LoanPlatform {serviceName} API";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /auth/login (ES256).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }));
}
