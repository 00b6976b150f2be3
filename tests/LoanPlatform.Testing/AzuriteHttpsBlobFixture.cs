using System.Globalization;
using Xunit;

namespace LoanPlatform.Testing;

/// <summary>
/// Azurite's blob service over HTTPS with <c>--oauth basic</c>: the only mode in which it accepts bearer tokens and
/// issues user-delegation keys. Its certificate is generated per run and trusted only by <see cref="Certificate"/>'s handlers.
/// </summary>
public sealed class AzuriteHttpsBlobFixture : IAsyncLifetime
{
    private NodeStandIn? blob;

    public SelfSignedCertificate Certificate { get; private set; } = null!;

    public Uri ServiceUri { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Certificate = await SelfSignedCertificate.CreateForLoopbackAsync();
        blob = await NodeStandIn.StartAsync(
            Path.Combine("node_modules", "azurite", "dist", "src", "blob", "main.js"),
            port =>
            [
                "--blobHost", "127.0.0.1", "--blobPort", port.ToString(CultureInfo.InvariantCulture), "--oauth", "basic",
                "--cert", Certificate.CertificatePath, "--key", Certificate.KeyPath,
                "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            ]);
        ServiceUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{blob.Port}/devstoreaccount1"));
    }

    public async Task DisposeAsync()
    {
        if (blob is not null)
        {
            await blob.DisposeAsync();
        }

        Certificate?.Dispose();
    }
}
