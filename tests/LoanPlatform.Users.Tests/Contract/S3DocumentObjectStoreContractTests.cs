using System.Net;
using LoanPlatform.Testing;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.S3;

namespace LoanPlatform.Users.Tests.Contract;

/// <summary>The S3 adapter against s3rver behind the SigV4-verifying proxy (s3rver alone checks no signature).</summary>
public sealed class S3DocumentObjectStoreContractTests(S3StandInFixture s3) : DocumentObjectStoreContractTests, IClassFixture<S3StandInFixture>, IDisposable
{
    private readonly HttpClient http = new();
    private readonly IDocumentObjectStore store = ObjectStores.Create(ObjectStores.S3Settings(s3));

    protected override IDocumentObjectStore Store => Assert.IsType<S3DocumentObjectStore>(store);

    protected override HttpClient Http => http;

    [Fact]
    public async Task The_upload_url_signs_the_declared_length_so_a_longer_or_shorter_body_is_refused_up_front()
    {
        var key = NewKey();
        var upload = await Store.CreateUploadRequestAsync(key, new ObjectUploadConstraints("image/jpeg", SampleImages.Jpeg.Length), DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

        Assert.Contains("content-length", Uri.UnescapeDataString(upload.Url.Query), StringComparison.Ordinal);
        foreach (var body in new[] { [.. SampleImages.Jpeg, 0], SampleImages.Jpeg[..^1] })
        {
            using var put = await UploadAsync(upload, body);
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        }

        Assert.Null(await Store.OpenReadAsync(key, CancellationToken.None));
        using var exact = await UploadAsync(upload, SampleImages.Jpeg);
        Assert.True(exact.IsSuccessStatusCode, $"upload answered {(int)exact.StatusCode}");
    }

    public void Dispose() => http.Dispose();
}
