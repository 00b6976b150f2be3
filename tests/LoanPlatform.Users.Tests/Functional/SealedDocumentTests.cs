using System.Net;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Testing;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Objects;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>
/// A verified document cannot be changed by what the customer still holds, on each object store the Users app runs
/// with: completion seals the checked bytes under a name no upload URL covers and pins them, every later read serves
/// them, an interrupted completion is finished by the next, and an oversized upload is never verified nor kept.
/// </summary>
public abstract class SealedDocumentTests
{
    protected abstract UsersHost Host { get; }

    /// <summary>Completes the document as this store's deployment does (the client's POST …/complete, or the blob trigger).</summary>
    protected abstract Task CompleteAsync(string userId, string documentId, HttpClient client);

    [Fact]
    public async Task A_verified_document_reads_its_sealed_copy_and_its_upload_url_changes_nothing_after()
    {
        var (userId, client) = await Host.NewCustomerAsync();
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        (await Host.UploadAsync(upload, SampleImages.Jpeg)).EnsureSuccessStatusCode();

        await CompleteAsync(userId, documentId, client);

        var sealedObject = await SealedObjectAsync(userId, documentId);
        Assert.Equal(ObjectKeys.ForSealedDocument(userId, documentId), sealedObject.ObjectKey);
        Assert.Equal((await StoredDocumentAsync(userId, documentId)).Sha256Hex, sealedObject.Sha256Hex);
        Assert.Equal(SampleImages.Jpeg.Length, sealedObject.SizeBytes);
        Assert.Equal(sealedObject.ETag, await ETagOfAsync(sealedObject.ObjectKey));
        Assert.Null(await ETagOfAsync(ObjectKeys.ForDocument(userId, documentId)));
        Assert.Equal(SampleImages.Jpeg, await DownloadAsync(client, documentId, sealedObject));

        // The upload URL has not expired: other bytes still land on its own name, which nobody reads and the next completion removes.
        var altered = SampleImages.Jpeg;
        altered[^3] ^= 0x55;
        using var overwrite = await Host.UploadAsync(upload, altered);
        Assert.True(overwrite.IsSuccessStatusCode, $"upload answered {(int)overwrite.StatusCode}");
        await CompleteAsync(userId, documentId, client);

        Assert.Equal("verified", (await client.GetFromJsonAsync(documentId)).GetProperty("status").GetString());
        Assert.Equal(sealedObject, await SealedObjectAsync(userId, documentId));
        Assert.Equal(sealedObject.ETag, await ETagOfAsync(sealedObject.ObjectKey));
        Assert.Null(await ETagOfAsync(ObjectKeys.ForDocument(userId, documentId)));
        Assert.Equal(SampleImages.Jpeg, await DownloadAsync(client, documentId, sealedObject));
    }

    [Fact]
    public async Task A_completion_interrupted_after_the_copy_is_finished_by_the_next_and_keeps_that_copy()
    {
        var (userId, client) = await Host.NewCustomerAsync();
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "selfie", SampleImages.Jpeg);
        (await Host.UploadAsync(upload, SampleImages.Jpeg)).EnsureSuccessStatusCode();
        // What a completion that crashed before writing the document leaves: the copy, and the document still requested.
        var sealedKey = ObjectKeys.ForSealedDocument(userId, documentId);
        var uploadKey = ObjectKeys.ForDocument(userId, documentId);
        Assert.Equal(ObjectCopyResult.Copied, await Objects.CopyIfAbsentAsync(uploadKey, (await ETagOfAsync(uploadKey))!, sealedKey, CancellationToken.None));
        var orphanETag = await ETagOfAsync(sealedKey);
        Assert.Equal(UserDocumentStatus.Requested, (await StoredDocumentAsync(userId, documentId)).Status);

        await CompleteAsync(userId, documentId, client);

        var document = await StoredDocumentAsync(userId, documentId);
        Assert.Equal(UserDocumentStatus.Verified, document.Status);
        Assert.Equal(orphanETag, document.Sealed!.ETag);
        Assert.Equal(SampleImages.Jpeg, await DownloadAsync(client, documentId, document.Sealed));
    }

    [Fact]
    public async Task Concurrent_completions_all_answer_with_the_one_sealed_result()
    {
        var (userId, client) = await Host.NewCustomerAsync();
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        (await Host.UploadAsync(upload, SampleImages.Jpeg)).EnsureSuccessStatusCode();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, answer => Assert.True(answer.StatusCode == HttpStatusCode.OK, $"complete answered {(int)answer.StatusCode}: {answer.Body}"));
        var sealedObject = await SealedObjectAsync(userId, documentId);
        Assert.Equal(sealedObject.ETag, await ETagOfAsync(sealedObject.ObjectKey));
        Assert.Equal(SampleImages.Jpeg, await DownloadAsync(client, documentId, sealedObject));
    }

    [Fact]
    public async Task An_upload_larger_than_declared_is_never_verified_nor_kept()
    {
        var (userId, client) = await Host.NewCustomerAsync();
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        using var put = await Host.UploadAsync(upload, [.. SampleImages.Jpeg, .. new byte[64]]);

        await CompleteAsync(userId, documentId, client);

        var document = await client.GetFromJsonAsync(documentId);
        if (put.IsSuccessStatusCode)
        {
            // Stores whose URLs cannot limit size: the check refuses it on its stored size, and deletes it.
            Assert.Equal("rejected", document.GetProperty("status").GetString());
            Assert.StartsWith($"The stored size is {SampleImages.Jpeg.Length + 64} bytes", document.GetProperty("rejectionReason").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
            Assert.Equal("requested", document.GetProperty("status").GetString());
        }

        Assert.Null(await ETagOfAsync(ObjectKeys.ForDocument(userId, documentId)));
        Assert.Null(await ETagOfAsync(ObjectKeys.ForSealedDocument(userId, documentId)));
    }

    /// <summary>POST …/complete as the client; its answer is read back through GET by the tests.</summary>
    protected static async Task CompleteByClientAsync(HttpClient client, string documentId)
    {
        using var response = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"complete answered {(int)response.StatusCode}");
    }

    private IDocumentObjectStore Objects => Host.GetRequiredService<IDocumentObjectStore>();

    private async Task<UserDocument> StoredDocumentAsync(string userId, string documentId) =>
        (await Host.GetRequiredService<IDocumentStore<UserDocument>>().FindAsync(userId, documentId))!.Value;

    private async Task<SealedObject> SealedObjectAsync(string userId, string documentId) =>
        Assert.IsType<SealedObject>((await StoredDocumentAsync(userId, documentId)).Sealed);

    private async Task<string?> ETagOfAsync(string objectKey)
    {
        await using var stored = await Objects.OpenReadAsync(objectKey, CancellationToken.None);
        return stored?.ETag;
    }

    /// <summary>The customer's download: a read URL for the sealed object, whose bytes are returned.</summary>
    private async Task<byte[]> DownloadAsync(HttpClient client, string documentId, SealedObject sealedObject)
    {
        var download = (await client.GetFromJsonAsync(documentId)).GetProperty("download");
        var url = new Uri(download.GetProperty("url").GetString()!);
        Assert.Contains(sealedObject.ObjectKey, Uri.UnescapeDataString(url.AbsolutePath), StringComparison.Ordinal);
        Assert.Equal("GET", download.GetProperty("method").GetString());
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(url);
    }
}
