using System.Text.Json;
using LoanPlatform.BuildingBlocks.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace LoanPlatform.BuildingBlocks.OpenApi;

public static class OpenApiExtensions
{
    /// <summary>Request headers the platform gives a meaning to, described once for every operation that takes them.</summary>
    private static readonly Dictionary<string, string> HeaderDescriptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["If-Match"] = "The ETag you last read; the change is refused with 412 if the resource changed since, and with 428 without it.",
        ["Idempotency-Key"] = "A unique key per new request (a UUID); retrying with the same key and body returns the first answer instead of creating twice.",
    };

    /// <summary>
    /// One OpenAPI document per service, named after it: the Bearer (JWT) scheme, every problem answer of each operation
    /// (<see cref="EndpointProblems"/>), the headers that matter, examples and tag descriptions from endpoint metadata.
    /// The server is "/": the document describes the gateway that served it.
    /// </summary>
    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services, string serviceName) =>
        services.AddOpenApi(serviceName, options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                document.Info.Title = $"LoanPlatform {serviceName} API";
                document.Info.Description =
                    $"The {serviceName} API of LoanPlatform, reached through the gateway. JSON in camelCase, money in whole rupiah (IDR), times in UTC ISO-8601. "
                    + "Every error is an RFC 7807 problem (application/problem+json) whose `type` links to a page explaining what happened and what to do.";
                document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-LoanPlatform-Proprietary" };
                document.Servers = [new OpenApiServer { Url = "/", Description = "The gateway this document was served from." }];
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
                DescribeTags(document, context);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var httpContext = context.ApplicationServices.GetService<IHttpContextAccessor>()?.HttpContext;
                var typeBaseUri = httpContext is null ? ProblemTypes.PagePath : ProblemTypes.BaseUri(httpContext);
                var path = "/" + (context.Description.RelativePath ?? "").TrimStart('/');
                if (metadata.OfType<IAllowAnonymous>().Any())
                {
                    // No token needed: generated clients must not require one.
                    operation.Security = [];
                }

                DescribeHeaders(operation, metadata);
                AddExamples(operation, metadata, context.ApplicationServices.GetService<IOptions<HttpJsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web);
                ProblemResponses.AddTo(operation, context.Document!, EndpointProblems.For(metadata), typeBaseUri, path);
                return Task.CompletedTask;
            });
        });

    private static void DescribeTags(OpenApiDocument document, OpenApiDocumentTransformerContext context)
    {
        var descriptions = context.DescriptionGroups
            .SelectMany(group => group.Items)
            .SelectMany(item => item.ActionDescriptor.EndpointMetadata.OfType<ApiTagMetadata>())
            .DistinctBy(tag => tag.Name)
            .ToDictionary(tag => tag.Name, tag => tag.Description);
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is not null && descriptions.TryGetValue(tag.Name, out var description))
            {
                tag.Description = description;
            }
        }
    }

    private static void DescribeHeaders(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Header && parameter.Name is not null && HeaderDescriptions.TryGetValue(parameter.Name, out var description))
            {
                parameter.Description = description;
            }
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse success || !status.StartsWith('2'))
            {
                continue;
            }

            success.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (status is "201" or "202")
            {
                success.Headers["Location"] = new OpenApiHeader { Description = "The address of the created or affected resource.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }

            if (metadata.OfType<ETagResponseMetadata>().Any() && status == "200")
            {
                success.Headers["ETag"] = new OpenApiHeader { Description = "The resource's version; send it as If-Match to change it.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }
    }

    private static void AddExamples(OpenApiOperation operation, IList<object> metadata, JsonSerializerOptions serviceJson)
    {
        // The service's own JSON rules, but with nulls written: the schemas list nullable fields as required.
        var json = new JsonSerializerOptions(serviceJson) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };
        foreach (var example in metadata.OfType<ApiExampleMetadata>())
        {
            var content = example.Status is { } status
                ? (operation.Responses?.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture)) as OpenApiResponse)?.Content
                : (operation.RequestBody as OpenApiRequestBody)?.Content;
            if (content is not null && content.TryGetValue("application/json", out var media))
            {
                media.Example = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), json);
            }
        }
    }
}
