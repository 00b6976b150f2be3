using Microsoft.AspNetCore.Builder;

namespace LoanPlatform.BuildingBlocks.Problems;

public static class ProblemEndpointExtensions
{
    /// <summary>
    /// Declares the problem types this endpoint (or group) answers besides the ones every endpoint of its kind can
    /// (<see cref="EndpointProblems"/>). The declaration documents the responses in OpenAPI and is what
    /// <see cref="UndeclaredProblems"/> holds the handler to.
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params ProblemType[] types)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemTypesMetadata(types));
}
