namespace LoanPlatform.Users.Objects.S3;

/// <summary>
/// The "Documents:S3" section. Credentials come from the AWS SDK's default chain (instance or task role); the
/// explicit key pair is only for a local S3-compatible server.
/// </summary>
public sealed class S3DocumentsOptions
{
    public string Bucket { get; set; } = "documents";

    public string Region { get; set; } = "ap-southeast-3";

    /// <summary>An S3-compatible endpoint instead of AWS (a local server in tests).</summary>
    public Uri? ServiceUrl { get; set; }

    public bool ForcePathStyle { get; set; }

    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }
}
