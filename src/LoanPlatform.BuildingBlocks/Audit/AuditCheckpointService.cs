using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>Runs <see cref="AuditCheckpointWriter"/> every <see cref="AuditOptions.CheckpointInterval"/> in a long-running host (the local one).</summary>
public sealed class AuditCheckpointService(AuditCheckpointWriter writer, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditCheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        do
        {
            try
            {
                await writer.WriteAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not write an audit checkpoint; trying again in {Interval}", options.Value.CheckpointInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
