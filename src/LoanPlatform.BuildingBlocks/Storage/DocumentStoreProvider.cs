namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>Where a service keeps its documents.</summary>
public enum DocumentStoreProvider
{
    /// <summary>A SQLite file on local disk: the local host and tests.</summary>
    Embedded,

    /// <summary>Azure Cosmos DB for NoSQL (or its local stand-in).</summary>
    Cosmos,
}
