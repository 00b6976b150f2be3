using System.Globalization;
using Xunit;

namespace LoanPlatform.Testing;

/// <summary>
/// An S3-compatible server (npm <c>s3rver</c>) behind <c>tests/standins/s3-sigv4-proxy.js</c>, which verifies
/// SigV4 signatures that s3rver alone would accept unchecked. One bucket, s3rver's fixed credentials.
/// </summary>
public sealed class S3StandInFixture : IAsyncLifetime
{
    public const string Bucket = "documents";
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private NodeStandIn? standIn;

    public Uri ServiceUrl => new($"http://127.0.0.1:{(standIn ?? throw new InvalidOperationException("The S3 stand-in has not been started.")).Port}");

    public async Task InitializeAsync() =>
        standIn = await NodeStandIn.StartAsync(
            Path.Combine("tests", "standins", "s3-sigv4-proxy.js"),
            port => ["--port", port.ToString(CultureInfo.InvariantCulture), "--bucket", Bucket, "--access-key", AccessKeyId, "--secret-key", SecretAccessKey]);

    public async Task DisposeAsync()
    {
        if (standIn is not null)
        {
            await standIn.DisposeAsync();
        }
    }
}
