using LoanPlatform.Users.Objects.AzureBlob;
using LoanPlatform.Users.Objects.S3;

namespace LoanPlatform.Users.Objects;

/// <summary>The "Documents" configuration section.</summary>
public sealed class DocumentsOptions
{
    public const string SectionName = "Documents";

    public DocumentsProvider Provider { get; set; } = DocumentsProvider.Local;

    /// <summary>The largest upload accepted (5 MB unless configured).</summary>
    public long MaxSizeBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The longest any signed URL may work: each is a bearer credential for an identity document.</summary>
    public static readonly TimeSpan MaxUrlLifetime = TimeSpan.FromMinutes(15);

    /// <summary>How long an upload URL works; short, because it is a bearer credential.</summary>
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a read URL (the customer's download, a reviewer's view) works; minutes, at most <see cref="MaxUrlLifetime"/>.</summary>
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public bool HasValidUrlLifetimes() =>
        UploadUrlLifetime > TimeSpan.Zero && UploadUrlLifetime <= MaxUrlLifetime && DownloadUrlLifetime > TimeSpan.Zero && DownloadUrlLifetime <= MaxUrlLifetime;

    /// <summary>Local adapter: the address clients reach the local file endpoints at (the gateway).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>Local adapter: where objects and the URL-signing key are kept; defaults to {Data:Path}/users.</summary>
    public string? LocalPath { get; set; }

    public AzureBlobDocumentsOptions AzureBlob { get; set; } = new();

    public S3DocumentsOptions S3 { get; set; } = new();
}
