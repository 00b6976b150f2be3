namespace LoanPlatform.BuildingBlocks.Tests.Storage;

public sealed class EmbeddedDocumentStoreTests(EmbeddedDocumentStoreFixture fixture)
    : DocumentStoreContractTests(fixture.Host), IClassFixture<EmbeddedDocumentStoreFixture>;
