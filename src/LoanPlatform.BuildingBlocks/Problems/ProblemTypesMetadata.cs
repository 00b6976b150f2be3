namespace LoanPlatform.BuildingBlocks.Problems;

/// <summary>Endpoint metadata: problem types the handler itself can answer with (see <see cref="EndpointProblems"/>).</summary>
public sealed record ProblemTypesMetadata(IReadOnlyList<ProblemType> Types);
