namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>The <c>DocumentStore</c> configuration section.</summary>
public sealed class DocumentStoreOptions
{
    public const string SectionName = "DocumentStore";

    public DocumentStoreProvider Provider { get; set; } = DocumentStoreProvider.Embedded;

    /// <summary>The SQLite file; defaults to <c>{Data:Path or .data}/{service}/{service}.db</c>.</summary>
    public string? EmbeddedPath { get; set; }

    public CosmosDocumentStoreOptions Cosmos { get; set; } = new();
}
