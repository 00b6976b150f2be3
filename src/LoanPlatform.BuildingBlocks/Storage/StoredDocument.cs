namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>A document as read from or written to the store, with the ETag that a later conditional write must quote.</summary>
public sealed record StoredDocument<T>(string PartitionKey, string Id, T Value, string ETag) where T : class;
