using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.Local;
using LoanPlatform.Users.Tests.Contract;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Tests.Unit;

public sealed class DocumentObjectStoreConfigurationTests
{
    [Fact]
    public void The_local_store_is_the_default()
    {
        Assert.IsType<LocalDocumentObjectStore>(ObjectStores.Create(new Dictionary<string, string?>()));
    }

    [Fact]
    public void An_account_key_connection_string_for_a_real_account_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ObjectStores.Create(new Dictionary<string, string?>
        {
            ["Documents:Provider"] = "AzureBlob",
            ["Documents:AzureBlob:ConnectionString"] = "DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=a2V5;EndpointSuffix=core.windows.net",
        }));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_blob_provider_without_an_endpoint_says_what_is_missing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ObjectStores.Create(new Dictionary<string, string?> { ["Documents:Provider"] = "AzureBlob" }));

        Assert.Contains("Documents:AzureBlob:ServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Documents:DownloadUrlLifetime", "01:00:00")]
    [InlineData("Documents:DownloadUrlLifetime", "00:00:00")]
    [InlineData("Documents:UploadUrlLifetime", "00:16:00")]
    public void Signed_urls_may_not_be_configured_to_last_more_than_minutes(string setting, string lifetime)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ObjectStores.Create(new Dictionary<string, string?> { [setting] = lifetime }));

        Assert.Contains("at most 00:15:00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, true)]
    [InlineData("image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, true)]
    [InlineData("application/pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, true)]
    [InlineData("image/jpeg", new byte[] { 0x89, 0x50, 0x4E, 0x47 }, false)]
    [InlineData("image/png", new byte[] { 0xFF, 0xD8, 0xFF }, false)]
    [InlineData("image/gif", new byte[] { 0x47, 0x49, 0x46, 0x38 }, false)]
    public void File_signatures_must_match_the_declared_type(string contentType, byte[] content, bool matches)
    {
        Assert.Equal(matches, ContentSignatures.Matches(contentType, content));
    }
}
