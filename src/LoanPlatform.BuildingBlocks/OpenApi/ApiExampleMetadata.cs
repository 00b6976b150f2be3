namespace LoanPlatform.BuildingBlocks.OpenApi;

/// <summary>Endpoint metadata: an example request body (<see cref="Status"/> null) or response body of that status.</summary>
public sealed record ApiExampleMetadata(int? Status, object Value);
