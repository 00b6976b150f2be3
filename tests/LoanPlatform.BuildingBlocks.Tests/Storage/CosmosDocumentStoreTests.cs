namespace LoanPlatform.BuildingBlocks.Tests.Storage;

public sealed class CosmosDocumentStoreTests(CosmosDocumentStoreFixture fixture)
    : DocumentStoreContractTests(fixture.Host), IClassFixture<CosmosDocumentStoreFixture>;
