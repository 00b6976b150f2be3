using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>Runs <see cref="OutboxSweeper{T}"/> on <see cref="OutboxOptions.SweepInterval"/> in a long-running host.</summary>
public sealed class OutboxSweeperService<T>(OutboxSweeper<T> sweeper, IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxSweeperService<T>> logger)
    : BackgroundService where T : class, IHasOutbox<T>
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox sweep of {DocumentType} failed; trying again next interval", typeof(T).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
