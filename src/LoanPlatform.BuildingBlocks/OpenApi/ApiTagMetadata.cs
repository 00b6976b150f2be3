namespace LoanPlatform.BuildingBlocks.OpenApi;

/// <summary>Endpoint metadata: the OpenAPI tag of an endpoint group and what it covers, for the document's tag list.</summary>
public sealed record ApiTagMetadata(string Name, string Description);
