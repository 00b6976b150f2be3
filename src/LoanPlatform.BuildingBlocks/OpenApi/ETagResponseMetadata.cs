namespace LoanPlatform.BuildingBlocks.OpenApi;

/// <summary>Endpoint metadata: the successful answer carries the resource's ETag, to send back as If-Match.</summary>
public sealed record ETagResponseMetadata;
