using System.Net.Http.Json;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// Sends changes to the service that keeps the trail (Loans, <c>POST /internal/audit/changes</c>) with this service's
/// identity, so in Azure only that one app may write the trail's container.
/// </summary>
public sealed class AuditIngestClient(IHttpClientFactory clients) : IAuditChangeSink
{
    public const string BaseAddressKey = "Services:Audit:InternalUrl";

    public async Task RecordAsync(AuditedChange change, CancellationToken cancellationToken)
    {
        // A client per call from the factory: the outbox's publishers live as long as the process.
        using var http = clients.CreateClient(nameof(AuditIngestClient));
        using var response = await http.PostAsJsonAsync("/internal/audit/changes", change, cancellationToken);
        // Any failure leaves the event in the outbox, and the sweeper sends it again.
        response.EnsureSuccessStatusCode();
    }
}
