using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.BuildingBlocks.OpenApi;

/// <summary>What an endpoint tells its OpenAPI document beyond what minimal APIs infer.</summary>
public static class ApiDocumentationExtensions
{
    /// <summary>Tags the group's endpoints and describes the tag once, so generated clients and the reference explain it.</summary>
    public static TBuilder WithApiTag<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithTags(name).WithMetadata(new ApiTagMetadata(name, description));

    /// <summary>An example request body, serialized with the service's own JSON options.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExampleMetadata(null, example));

    /// <summary>An example body of the successful response with this status.</summary>
    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int status, object example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiExampleMetadata(status, example));

    /// <summary>The successful response carries an ETag header (the value to send as If-Match on the next change).</summary>
    public static TBuilder WithETag<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ETagResponseMetadata());
}
