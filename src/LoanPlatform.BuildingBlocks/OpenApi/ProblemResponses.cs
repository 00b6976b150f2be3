using System.Text.Json.Nodes;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace LoanPlatform.BuildingBlocks.OpenApi;

/// <summary>
/// Writes an operation's problem answers (<see cref="EndpointProblems"/>) into its OpenAPI responses: one response per
/// status, <c>application/problem+json</c> with the RFC 7807 schema (with <c>errors</c> where validation can answer),
/// the problem types it can carry with links to their pages, and one example per type.
/// </summary>
public static class ProblemResponses
{
    public const string MediaType = "application/problem+json";
    public const string ProblemSchema = "Problem";
    public const string ValidationProblemSchema = "ValidationProblem";

    public static void AddTo(OpenApiOperation operation, OpenApiDocument document, IReadOnlyList<ProblemType> problems, string typeBaseUri, string path)
    {
        operation.Responses ??= [];
        foreach (var byStatus in problems.GroupBy(p => p.Status).OrderBy(g => g.Key))
        {
            var types = byStatus.ToArray();
            var schema = types.Contains(CommonProblems.Validation) ? ValidationProblemSchema : ProblemSchema;
            EnsureSchemas(document, schema);
            var response = new OpenApiResponse
            {
                Description = Describe(byStatus.Key, types),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [MediaType] = new()
                    {
                        Schema = new OpenApiSchemaReference(schema, document),
                        Examples = types.ToDictionary(t => t.Code, t => (IOpenApiExample)new OpenApiExample
                        {
                            Summary = t.Title,
                            Value = Example(t, typeBaseUri, path),
                        }),
                    },
                },
            };
            if (byStatus.Key == CommonProblems.RateLimited.Status)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before retrying.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    },
                };
            }

            operation.Responses[byStatus.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }
    }

    private static string Describe(int status, IEnumerable<ProblemType> types)
    {
        var phrase = ReasonPhrases.GetReasonPhrase(status);
        return $"{(phrase.Length > 0 ? phrase : "Error")}. Problem types: "
            + string.Join("; ", types.Select(t => $"[{t.Code}]({ProblemTypes.Uri(t.Code)}) ({t.Title})"));
    }

    private static JsonObject Example(ProblemType type, string typeBaseUri, string path)
    {
        var example = new JsonObject
        {
            ["type"] = typeBaseUri + type.Code,
            ["title"] = type.Title,
            ["status"] = type.Status,
            ["instance"] = path,
            ["correlationId"] = "0f8fad5bd9cb469fa16570867728950e",
        };
        if (type == CommonProblems.Validation)
        {
            example["errors"] = new JsonObject { ["nik"] = new JsonArray("NIK must be 16 digits.") };
        }

        return example;
    }

    private static void EnsureSchemas(OpenApiDocument document, string name)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (document.Components.Schemas.ContainsKey(name))
        {
            return;
        }

        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "The problem type: a page that explains what happened and what to do. Branch on it." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The type's short English summary." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "This occurrence's specifics, when there are any." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The path that was called." },
            ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it to support: it finds the request in the logs and the audit trail." },
        };
        if (name == ValidationProblemSchema)
        {
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each invalid field and what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        document.Components.Schemas[name] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = name == ValidationProblemSchema
                ? "RFC 7807 problem details of invalid input, naming each invalid field."
                : "RFC 7807 problem details.",
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = properties,
        };
    }
}
