namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Sealing on the local file store, completed by the client.</summary>
public sealed class LocalSealedDocumentTests(UsersHost host) : SealedDocumentTests, IClassFixture<UsersHost>
{
    protected override UsersHost Host => host;

    protected override Task CompleteAsync(string userId, string documentId, HttpClient client) => CompleteByClientAsync(client, documentId);
}
