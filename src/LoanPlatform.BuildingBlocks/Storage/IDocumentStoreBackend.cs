namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>The database behind one service's stores: hands out a store per document type, prepares itself, answers health probes.</summary>
internal interface IDocumentStoreBackend
{
    IDocumentStore<T> CreateStore<T>(string documentType) where T : class;

    Task InitializeAsync(CancellationToken cancellationToken);

    Task PingAsync(CancellationToken cancellationToken);
}
