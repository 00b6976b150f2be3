using LoanPlatform.Testing;
using LoanPlatform.Users.Objects.S3;
using LoanPlatform.Users.Tests.Contract;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Sealing on S3 (s3rver behind the SigV4-verifying proxy), completed by the client.</summary>
public sealed class S3SealedDocumentTests(S3StandInFixture s3) : StandInSealedDocumentTests<S3DocumentObjectStore>, IClassFixture<S3StandInFixture>
{
    protected override Task<IReadOnlyDictionary<string, string?>> SettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(ObjectStores.S3Settings(s3));

    protected override Task CompleteAsync(string userId, string documentId, HttpClient client) => CompleteByClientAsync(client, documentId);
}
