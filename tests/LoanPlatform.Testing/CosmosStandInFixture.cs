using System.Security.Cryptography.X509Certificates;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace LoanPlatform.Testing;

/// <summary>
/// The Cosmos DB stand-in (<c>tests/standins/cosmos-standin.js</c>) for a test class or collection, with the client
/// settings it needs: gateway mode on its one endpoint, and trust of exactly its bundled (long-expired) certificate.
/// </summary>
public sealed class CosmosStandInFixture : IAsyncLifetime
{
    // The well-known key of the Cosmos DB emulator; the stand-in accepts any key.
    private const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private NodeStandIn? standIn;
    private X509Certificate2? certificate;

    public string ConnectionString => $"AccountEndpoint=https://127.0.0.1:{Running.Port}/;AccountKey={EmulatorKey};";

    private NodeStandIn Running => standIn ?? throw new InvalidOperationException("The Cosmos DB stand-in has not been started.");

    public async Task InitializeAsync()
    {
        certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(RepositoryPaths.NodeModules, "@vercel", "cosmosdb-server", "cert.pem"));
        standIn = await NodeStandIn.StartAsync(
            Path.Combine("tests", "standins", "cosmos-standin.js"),
            port => ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", "127.0.0.1"]);
    }

    /// <summary>Applies the stand-in's client settings; pass to <c>services.Configure&lt;CosmosClientOptions&gt;</c>.</summary>
    public void ConfigureClient(CosmosClientOptions options)
    {
        var trusted = certificate ?? throw new InvalidOperationException("The Cosmos DB stand-in has not been started.");
        options.ConnectionMode = ConnectionMode.Gateway;
        options.LimitToEndpoint = true;
        options.HttpClientFactory = () => new HttpClient(new HttpClientHandler
        {
            // Pinned to the stand-in's own certificate: its expiry and host name are known to be wrong.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.AsSpan().SequenceEqual(trusted.RawData),
        });
    }

    public async Task DisposeAsync()
    {
        if (standIn is not null)
        {
            await standIn.DisposeAsync();
        }

        certificate?.Dispose();
    }
}
