using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using LoanPlatform.Testing;
using LoanPlatform.Users.Objects;

namespace LoanPlatform.Users.Tests.Contract;

/// <summary>
/// What every <see cref="IDocumentObjectStore"/> must guarantee, run against each adapter over real HTTP: a signed
/// request writes or reads exactly one object, and an expired URL, another path, a tampered signature, the wrong method,
/// an oversized or a mismatched upload never leave an object that passes <see cref="StoredObjectCheck"/>.
/// Stores that cannot refuse a body up front (SAS, presigned PUT) must let the check refuse it instead. A copy made
/// with <see cref="IDocumentObjectStore.CopyIfAbsentAsync"/> (how a checked document is sealed) keeps exactly the checked
/// bytes whatever the still valid upload URL writes afterwards, and read URLs only read, and only for minutes.
/// </summary>
public abstract class DocumentObjectStoreContractTests
{
    private static readonly byte[] Jpeg = SampleImages.Jpeg;
    private static readonly DeclaredObject Declared = new("image/jpeg", Jpeg.Length, Convert.ToHexStringLower(SHA256.HashData(Jpeg)));

    protected abstract IDocumentObjectStore Store { get; }

    protected abstract HttpClient Http { get; }

    [Fact]
    public async Task A_signed_upload_stores_the_object_and_a_signed_download_reads_it_back()
    {
        var key = NewKey();

        var upload = await SignUploadAsync(key);
        using var put = await UploadAsync(upload, Jpeg);

        Assert.Equal("PUT", upload.Method);
        Assert.True(put.IsSuccessStatusCode, $"upload answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        Assert.Null(await MismatchAsync(key));
        var download = await Store.CreateDownloadRequestAsync(key, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        Assert.Equal("GET", download.Method);
        Assert.Equal(Jpeg, await Http.GetByteArrayAsync(download.Url));
    }

    [Fact]
    public async Task An_expired_url_is_refused()
    {
        var key = NewKey();
        var upload = await SignUploadAsync(key, DateTimeOffset.UtcNow.AddSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var put = await UploadAsync(upload, Jpeg);

        await AssertRefusedAsync(put, key);
    }

    [Fact]
    public async Task A_url_for_another_path_is_refused()
    {
        var key = NewKey();
        var other = NewKey();
        var upload = await SignUploadAsync(key);
        var moved = upload with { Url = new Uri(upload.Url.AbsoluteUri.Replace(key, other, StringComparison.Ordinal)) };

        using var put = await UploadAsync(moved, Jpeg);

        await AssertRefusedAsync(put, other);
        Assert.Null(await ReadAsync(key));
    }

    [Fact]
    public async Task A_tampered_signature_is_refused()
    {
        var key = NewKey();
        var upload = await SignUploadAsync(key);
        var query = upload.Url.Query;
        // Flip one character of the longest query value, which is the signature in every adapter.
        var signature = query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)[^1]).MaxBy(v => v.Length)!;
        var tampered = signature[..^2] + (signature[^2] == 'A' ? 'B' : 'A') + signature[^1];
        var forged = upload with { Url = new Uri(upload.Url.AbsoluteUri.Replace(signature, tampered, StringComparison.Ordinal)) };

        using var put = await UploadAsync(forged, Jpeg);

        await AssertRefusedAsync(put, key);
    }

    [Fact]
    public async Task The_wrong_method_is_refused()
    {
        var key = NewKey();
        var upload = await SignUploadAsync(key);
        (await UploadAsync(upload, Jpeg)).EnsureSuccessStatusCode();

        // An upload URL does not read, and a download URL does not write.
        using var read = await Http.GetAsync(upload.Url);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        var download = await Store.CreateDownloadRequestAsync(key, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        using var write = await PutAsync(download.Url, upload.Headers, [0xFF, 0xD8, 0xFF, 0x00]);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Null(await MismatchAsync(key));
    }

    [Fact]
    public async Task An_oversized_upload_is_refused()
    {
        var key = NewKey();
        var bigger = Jpeg.Concat(new byte[64]).ToArray();

        using var put = await UploadAsync(await SignUploadAsync(key), bigger);

        await AssertNeverAcceptedAsync(put, key);
    }

    [Fact]
    public async Task An_upload_of_another_content_type_is_refused()
    {
        var key = NewKey();
        var upload = await SignUploadAsync(key);
        var retyped = upload with { Headers = new Dictionary<string, string>(upload.Headers) { ["Content-Type"] = "application/pdf" } };

        using var put = await UploadAsync(retyped, Jpeg);

        await AssertNeverAcceptedAsync(put, key);
    }

    [Fact]
    public async Task Bytes_that_differ_from_the_declared_checksum_are_refused()
    {
        var key = NewKey();

        using var put = await UploadAsync(await SignUploadAsync(key), AlteredJpeg());

        await AssertNeverAcceptedAsync(put, key);
    }

    [Fact]
    public async Task A_declared_jpeg_that_is_not_a_jpeg_is_refused()
    {
        var key = NewKey();
        var notJpeg = RandomNumberGenerator.GetBytes(Jpeg.Length);
        var declared = Declared with { Sha256Hex = Convert.ToHexStringLower(SHA256.HashData(notJpeg)) };
        (await UploadAsync(await SignUploadAsync(key), notJpeg)).EnsureSuccessStatusCode();

        await using var stored = await ReadAsync(key);

        Assert.Equal("The stored bytes are not a image/jpeg file.", await StoredObjectCheck.FindMismatchAsync(stored!, declared, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_removes_the_object_and_a_missing_object_reads_as_null()
    {
        var key = NewKey();
        (await UploadAsync(await SignUploadAsync(key), Jpeg)).EnsureSuccessStatusCode();

        Assert.True(await Store.DeleteAsync(key, CancellationToken.None));

        Assert.Null(await ReadAsync(key));
        Assert.False(await Store.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_sealed_copy_keeps_the_checked_bytes_whatever_the_unexpired_upload_url_writes_after()
    {
        var (key, sealedKey, upload, checkedETag) = await UploadJpegAsync();

        Assert.Equal(ObjectCopyResult.Copied, await Store.CopyIfAbsentAsync(key, checkedETag, sealedKey, CancellationToken.None));
        Assert.Null(await MismatchAsync(sealedKey));
        var sealedETag = await ETagOfAsync(sealedKey);

        // The upload URL still works on its own name (or is refused), and cannot be pointed at the sealed one.
        var altered = AlteredJpeg();
        using var overwrite = await UploadAsync(upload, altered);
        Assert.True(overwrite.IsSuccessStatusCode || overwrite.StatusCode == HttpStatusCode.Forbidden, $"upload answered {(int)overwrite.StatusCode}");
        var redirected = upload with { Url = new Uri(upload.Url.AbsoluteUri.Replace(key, sealedKey, StringComparison.Ordinal)) };
        using var intoSealed = await UploadAsync(redirected, altered);
        Assert.Equal(HttpStatusCode.Forbidden, intoSealed.StatusCode);

        Assert.Null(await MismatchAsync(sealedKey));
        Assert.Equal(sealedETag, await ETagOfAsync(sealedKey));
        var read = await Store.CreateDownloadRequestAsync(sealedKey, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        Assert.Equal(Jpeg, await Http.GetByteArrayAsync(read.Url));
    }

    [Fact]
    public async Task A_copy_is_refused_when_the_source_is_no_longer_the_checked_version()
    {
        var (key, sealedKey, upload, checkedETag) = await UploadJpegAsync();
        (await UploadAsync(upload, AlteredJpeg())).EnsureSuccessStatusCode();

        Assert.Equal(ObjectCopyResult.SourceChanged, await Store.CopyIfAbsentAsync(key, checkedETag, sealedKey, CancellationToken.None));
        Assert.Null(await ReadAsync(sealedKey));
        Assert.Equal(ObjectCopyResult.SourceChanged, await Store.CopyIfAbsentAsync(NewKey(), checkedETag, sealedKey, CancellationToken.None));
        Assert.Null(await ReadAsync(sealedKey));
    }

    [Fact]
    public async Task A_copy_never_replaces_an_existing_copy()
    {
        var (key, sealedKey, upload, checkedETag) = await UploadJpegAsync();
        Assert.Equal(ObjectCopyResult.Copied, await Store.CopyIfAbsentAsync(key, checkedETag, sealedKey, CancellationToken.None));
        var sealedETag = await ETagOfAsync(sealedKey);
        (await UploadAsync(upload, AlteredJpeg())).EnsureSuccessStatusCode();

        Assert.Equal(ObjectCopyResult.DestinationExists, await Store.CopyIfAbsentAsync(key, await ETagOfAsync(key), sealedKey, CancellationToken.None));

        Assert.Null(await MismatchAsync(sealedKey));
        Assert.Equal(sealedETag, await ETagOfAsync(sealedKey));
    }

    [Fact]
    public async Task An_expired_read_url_is_refused()
    {
        var key = NewKey();
        (await UploadAsync(await SignUploadAsync(key), Jpeg)).EnsureSuccessStatusCode();
        var read = await Store.CreateDownloadRequestAsync(key, DateTimeOffset.UtcNow.AddSeconds(1), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var response = await Http.GetAsync(read.Url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    protected static string NewKey() => ObjectKeys.ForDocument(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));

    /// <summary>The same JPEG with one byte changed: still a JPEG, but not the declared checksum.</summary>
    private static byte[] AlteredJpeg()
    {
        var altered = SampleImages.Jpeg;
        altered[^3] ^= 0x55;
        return altered;
    }

    /// <summary>A JPEG uploaded through a fresh upload URL for a new document: its keys (upload and sealed), the URL and the stored ETag.</summary>
    private async Task<(string Key, string SealedKey, SignedObjectRequest Upload, string ETag)> UploadJpegAsync()
    {
        var (userId, documentId) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var key = ObjectKeys.ForDocument(userId, documentId);
        var upload = await SignUploadAsync(key);
        (await UploadAsync(upload, Jpeg)).EnsureSuccessStatusCode();
        return (key, ObjectKeys.ForSealedDocument(userId, documentId), upload, await ETagOfAsync(key));
    }

    private async Task<string> ETagOfAsync(string key)
    {
        await using var stored = await ReadAsync(key);
        Assert.NotNull(stored);
        return stored.ETag;
    }

    private Task<SignedObjectRequest> SignUploadAsync(string key, DateTimeOffset? expiresAt = null) =>
        Store.CreateUploadRequestAsync(key, new ObjectUploadConstraints(Declared.ContentType, Declared.SizeBytes), expiresAt ?? DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

    /// <summary>Sends the signed request as a client would: its method, URL and headers.</summary>
    protected Task<HttpResponseMessage> UploadAsync(SignedObjectRequest request, byte[] content) => PutAsync(request.Url, request.Headers, content);

    private async Task<HttpResponseMessage> PutAsync(Uri url, IReadOnlyDictionary<string, string> headers, byte[] content)
    {
        using var message = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await Http.SendAsync(message);
    }

    private Task<StoredObject?> ReadAsync(string key) => Store.OpenReadAsync(key, CancellationToken.None);

    private async Task<string?> MismatchAsync(string key)
    {
        await using var stored = await ReadAsync(key);
        Assert.NotNull(stored);
        return await StoredObjectCheck.FindMismatchAsync(stored, Declared, CancellationToken.None);
    }

    /// <summary>A signature failure: 403 and nothing stored.</summary>
    private async Task AssertRefusedAsync(HttpResponseMessage response, string key)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"expected 403, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Null(await ReadAsync(key));
    }

    /// <summary>Refused at upload, or stored but failing the completion check: either way the document can never count.</summary>
    private async Task AssertNeverAcceptedAsync(HttpResponseMessage response, string key)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Null(await ReadAsync(key));
            return;
        }

        Assert.NotNull(await MismatchAsync(key));
    }
}
