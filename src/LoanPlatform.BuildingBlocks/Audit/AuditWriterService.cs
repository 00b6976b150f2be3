using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>Appends queued records to the trail one by one; on stop it closes the queue and writes what is left.</summary>
public sealed class AuditWriterService(AuditQueue queue, AuditTrail trail, ILogger<AuditWriterService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not cancelled by stoppingToken: the queue is completed on stop, and the loop ends once it is drained.
        await foreach (var record in queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await trail.AppendAsync(record, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not append the audit record of {Action}", record.Action);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is { } running)
        {
            await running.WaitAsync(cancellationToken);
        }
    }
}
