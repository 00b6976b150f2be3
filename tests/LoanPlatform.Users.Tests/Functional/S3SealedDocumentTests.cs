using LoanPlatform.Testing;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.S3;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>Sealing on S3 (s3rver behind the SigV4-verifying proxy), completed by the client.</summary>
public sealed class S3SealedDocumentTests(S3StandInFixture s3) : SealedDocumentTests, IClassFixture<S3StandInFixture>, IAsyncLifetime
{
    private UsersHost? host;

    protected override UsersHost Host => host!;

    public async Task InitializeAsync()
    {
        host = await UsersHost.StartAsync(new Dictionary<string, string?>
        {
            ["Documents:Provider"] = nameof(DocumentsProvider.S3),
            ["Documents:S3:ServiceUrl"] = s3.ServiceUrl.AbsoluteUri,
            ["Documents:S3:ForcePathStyle"] = "true",
            ["Documents:S3:Bucket"] = S3StandInFixture.Bucket,
            ["Documents:S3:AccessKeyId"] = S3StandInFixture.AccessKeyId,
            ["Documents:S3:SecretAccessKey"] = S3StandInFixture.SecretAccessKey,
        });
        Assert.IsType<S3DocumentObjectStore>(host.GetRequiredService<IDocumentObjectStore>());
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    protected override Task CompleteAsync(string userId, string documentId, HttpClient client) => CompleteByClientAsync(client, documentId);
}
