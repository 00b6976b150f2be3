using System.Globalization;
using Xunit;

namespace LoanPlatform.Testing;

/// <summary>A real SMTP server on loopback (npm <c>smtp-server</c>) that saves every message it receives as a .eml file.</summary>
public sealed class SmtpCaptureFixture : IAsyncLifetime
{
    private NodeStandIn? server;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "smtp-capture-" + Guid.NewGuid().ToString("N"));

    public int Port => server?.Port ?? throw new InvalidOperationException("The SMTP server has not been started.");

    public async Task InitializeAsync() =>
        server = await NodeStandIn.StartAsync(
            Path.Combine("tests", "standins", "smtp-capture.js"),
            port => ["--port", port.ToString(CultureInfo.InvariantCulture), "--dir", Folder]);

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
