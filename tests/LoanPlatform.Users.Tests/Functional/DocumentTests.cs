using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LoanPlatform.Testing;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.Local;

namespace LoanPlatform.Users.Tests.Functional;

public sealed class DocumentTests(UsersHost host) : IClassFixture<UsersHost>
{
    private static readonly byte[] Image = SampleImages.Jpeg;

    [Fact]
    public async Task Request_upload_complete_then_the_document_is_verified_and_downloadable()
    {
        var (_, client) = await host.NewCustomerAsync();
        var (documentId, upload) = await RequestAsync(client, "ktp", Image, base64Digest: true);
        Assert.Equal("PUT", upload.GetProperty("method").GetString());

        using var put = await PutAsync(upload, Image);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        using var complete = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);
        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        Assert.Equal("verified", (await complete.ReadJsonAsync()).GetProperty("status").GetString());

        using var read = await client.GetAsync($"/users/me/documents/{documentId}");
        var document = await read.ReadJsonAsync();
        // Both steps are recorded: the object was found and matched (uploaded), then accepted (verified).
        var createdAt = document.GetProperty("createdAt").GetDateTimeOffset();
        var uploadedAt = document.GetProperty("uploadedAt").GetDateTimeOffset();
        Assert.InRange(uploadedAt, createdAt, document.GetProperty("verifiedAt").GetDateTimeOffset());
        Assert.False(document.TryGetProperty("rejectionReason", out _));
        var download = document.GetProperty("download").GetProperty("url").GetString()!;
        Assert.Equal(Image, await host.Anonymous.GetByteArrayAsync(download));

        var list = await client.GetFromJsonAsync<JsonElement>("/users/me/documents");
        Assert.Equal(documentId, Assert.Single(list.EnumerateArray()).GetProperty("documentId").GetString());

        using var profile = await client.GetAsync("/users/me");
        Assert.Equal("verified", (await profile.ReadJsonAsync()).GetProperty("ktpStatus").GetString());
    }

    [Fact]
    public async Task Completing_with_nothing_uploaded_is_a_409()
    {
        var (_, client) = await host.NewCustomerAsync();
        var (documentId, _) = await RequestAsync(client, "selfie", Image);

        using var complete = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);

        await complete.AssertProblemAsync(HttpStatusCode.Conflict, "upload-missing");
    }

    [Fact]
    public async Task A_checksum_mismatch_rejects_the_document_with_its_reason_and_deletes_the_object()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var (documentId, upload) = await RequestAsync(client, "ktp", Image);
        var other = SampleImages.Jpeg;
        other[^3] ^= 0x55;
        (await PutAsync(upload, other)).EnsureSuccessStatusCode();

        using var complete = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);
        await complete.AssertProblemAsync(HttpStatusCode.Conflict, "upload-not-valid");

        var document = await client.GetFromJsonAsync<JsonElement>($"/users/me/documents/{documentId}");
        Assert.Equal("rejected", document.GetProperty("status").GetString());
        Assert.Equal("The SHA-256 of the stored bytes differs from the declared one.", document.GetProperty("rejectionReason").GetString());
        Assert.True(document.GetProperty("rejectedAt").GetDateTimeOffset() >= document.GetProperty("createdAt").GetDateTimeOffset());
        Assert.False(document.TryGetProperty("uploadedAt", out _));
        Assert.False(document.TryGetProperty("download", out _));
        Assert.Null(await host.GetRequiredService<IDocumentObjectStore>().OpenReadAsync(ObjectKeys.ForDocument(userId, documentId), CancellationToken.None));

        // Rejected is final: even a correct upload through the old URL does not count, and is not kept.
        (await PutAsync(upload, Image)).EnsureSuccessStatusCode();
        using var again = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "document-rejected");
        Assert.Null(await host.GetRequiredService<IDocumentObjectStore>().OpenReadAsync(ObjectKeys.ForDocument(userId, documentId), CancellationToken.None));

        // The client requests a new document instead.
        var (newId, newUpload) = await RequestAsync(client, "ktp", Image);
        (await PutAsync(newUpload, Image)).EnsureSuccessStatusCode();
        using var fresh = await client.PostAsync($"/users/me/documents/{newId}/complete", null);
        Assert.Equal("verified", (await fresh.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Signed_urls_refuse_tampering_other_paths_methods_types_and_oversize_bodies()
    {
        var (_, client) = await host.NewCustomerAsync();
        var (documentId, upload) = await RequestAsync(client, "ktp", Image);
        var url = upload.GetProperty("url").GetString()!;

        using var tampered = await PutAsync(url.Replace("sig=", "sig=A", StringComparison.Ordinal), "image/jpeg", Image);
        await tampered.AssertProblemAsync(HttpStatusCode.Forbidden, "signature-invalid");

        using var otherPath = await PutAsync(url.Replace(documentId, Guid.NewGuid().ToString("N"), StringComparison.Ordinal), "image/jpeg", Image);
        await otherPath.AssertProblemAsync(HttpStatusCode.Forbidden, "signature-invalid");

        using var wrongMethod = await host.Anonymous.GetAsync(url);
        await wrongMethod.AssertProblemAsync(HttpStatusCode.Forbidden, "signature-invalid");

        using var wrongType = await PutAsync(url, "application/pdf", Image);
        await wrongType.AssertProblemAsync(HttpStatusCode.Forbidden, "signature-invalid");

        using var biggerSize = await PutAsync(url.Replace($"size={Image.Length}", "size=100000", StringComparison.Ordinal), "image/jpeg", Image);
        await biggerSize.AssertProblemAsync(HttpStatusCode.Forbidden, "signature-invalid");

        using var oversize = await PutAsync(url, "image/jpeg", new byte[Image.Length + 1]);
        await oversize.AssertProblemAsync(HttpStatusCode.Forbidden, "upload-too-large");

        // Without a Content-Length the limit is enforced while reading.
        var chunked = new StreamContent(new NonSeekableStream(new byte[Image.Length * 3]));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var streamed = await host.Anonymous.PutAsync(url, chunked);
        await streamed.AssertProblemAsync(HttpStatusCode.Forbidden, "upload-too-large");

        using var complete = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);
        await complete.AssertProblemAsync(HttpStatusCode.Conflict, "upload-missing");
    }

    [Fact]
    public async Task An_expired_url_is_refused()
    {
        var store = host.GetRequiredService<LocalDocumentObjectStore>();
        var upload = await store.CreateUploadRequestAsync("users/someone/expired", new ObjectUploadConstraints("image/jpeg", 10), DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);

        using var response = await PutAsync(upload.Url.AbsoluteUri, "image/jpeg", new byte[10]);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "signature-expired");
    }

    [Fact]
    public async Task Another_users_document_is_not_found()
    {
        var (_, owner) = await host.NewCustomerAsync();
        var (_, stranger) = await host.NewCustomerAsync();
        var (documentId, _) = await RequestAsync(owner, "ktp", Image);

        using var read = await stranger.GetAsync($"/users/me/documents/{documentId}");
        await read.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var complete = await stranger.PostAsync($"/users/me/documents/{documentId}/complete", null);
        await complete.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Invalid_declarations_are_a_400()
    {
        var (_, client) = await host.NewCustomerAsync();

        using var response = await client.PostAsJsonAsync("/users/me/documents", new { type = "passport", contentType = "image/gif", sizeBytes = 5_000_000, sha256 = "abc" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(4, problem.GetProperty("errors").EnumerateObject().Count());
    }

    internal static async Task<(string DocumentId, JsonElement Upload)> RequestAsync(HttpClient client, string type, byte[] content, bool base64Digest = false)
    {
        var digest = SHA256.HashData(content);
        using var response = await client.PostAsJsonAsync("/users/me/documents", new
        {
            type,
            contentType = "image/jpeg",
            sizeBytes = content.Length,
            sha256 = base64Digest ? Convert.ToBase64String(digest) : Convert.ToHexString(digest),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("requested", body.GetProperty("status").GetString());
        return (body.GetProperty("documentId").GetString()!, body.GetProperty("upload"));
    }

    private Task<HttpResponseMessage> PutAsync(JsonElement upload, byte[] content) => host.UploadAsync(upload, content);

    private Task<HttpResponseMessage> PutAsync(string url, string contentType, byte[] content) => host.PutAsync(url, contentType, content);

    /// <summary>Forces chunked transfer: HttpClient cannot know the length up front.</summary>
    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
