using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;
using LoanPlatform.BuildingBlocks.ServiceDefaults;

namespace LoanPlatform.LocalHost.Durable;

/// <summary>
/// Every request the Azure Storage backend makes to its account, counted by service and method: what Azure bills the
/// task hub by (a transaction per request, a retry included). The provider is the one the Functions host runs in Azure,
/// so a run on the local Azure Storage profile over Azurite counts what a loan's orchestration costs there
/// (<c>bench/LoanPlatform.LoadTest cost … azurestorage</c>).
/// </summary>
public static class DurableStorageMetrics
{
    public const string MeterName = TelemetryExtensions.SourcePrefix + "DurableStorage";
    public const string ServiceTag = "loanplatform.storage_service";
    public const string MethodTag = "http.request.method";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "loanplatform.durable.storage.requests", "{request}", "Requests the durable backend made to its storage account.");

    /// <summary>The pipeline policy that counts, for one of the backend's three clients (blob, queue, table).</summary>
    public static HttpPipelinePolicy CountRequestsOf(string service) => new RequestCounter(service);

    private sealed class RequestCounter(string service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            Requests.Add(1, new TagList { { ServiceTag, service }, { MethodTag, message.Request.Method.Method } });
    }
}
