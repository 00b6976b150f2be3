using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// Appends the spool's records to the trail in batches (shards in parallel) and commits the spool's position after each.
/// A store that fails leaves the position where it was: the batch is tried again, with growing pauses, until it is in.
/// A batch that may have been appended before (the first after a start, or one retried after a failure) is appended with
/// each record's source id looked up first, so a crash between append and commit leaves no duplicate.
/// A batch that is not full (the drainer has caught up) waits up to <see cref="AuditTrail.GatherWindow"/> in the trail's shard
/// queues before it is written, so a block holds a second's records of its shard and any change appended to the shard
/// meanwhile, rather than one record each: what a record costs falls with the blocks' fill.
/// </summary>
public sealed class AuditSpoolDrainer(AuditSpool spool, AuditTrail trail, ILogger<AuditSpoolDrainer> logger) : BackgroundService
{
    public const int MaxBatch = 1000;

    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(30);

    // A power cut may take the last second of records with it; a killed process takes none (each is written before its
    // response). Under a steady load the drainer finds the spool empty many times a second, an fsync each time.
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var position = spool.Committed;
        var deduplicate = true;
        var failures = 0;
        var flushed = Stopwatch.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = spool.Read(position, MaxBatch);
            if (batch.Records.Count == 0)
            {
                if (batch.Next != position)
                {
                    spool.Commit(position = batch.Next);
                }

                if (Stopwatch.GetElapsedTime(flushed) >= FlushInterval)
                {
                    spool.FlushToDisk();
                    flushed = Stopwatch.GetTimestamp();
                }

                await WaitAsync(spool.WaitForRecordsAsync(IdleWait, stoppingToken));
                continue;
            }

            try
            {
                // Not cancelled on stop: a batch is appended whole, and whatever is left stays in the spool for the next start.
                var gather = batch.Records.Count < MaxBatch && !stoppingToken.IsCancellationRequested ? AuditTrail.GatherWindow : TimeSpan.Zero;
                await trail.AppendManyAsync(batch.Records, deduplicate, gather, CancellationToken.None);
                spool.Commit(position = batch.Next);
                deduplicate = false;
                failures = 0;
            }
            catch (Exception e)
            {
                deduplicate = true;
                var pause = TimeSpan.FromMilliseconds(Math.Min(MaxRetryPause.TotalMilliseconds, 100 * Math.Pow(2, failures++)));
                logger.LogWarning(e, "Could not append {Count} spooled audit records; retrying in {Pause}", batch.Records.Count, pause);
                await WaitAsync(Task.Delay(pause, stoppingToken));
            }
        }
    }

    private static async Task WaitAsync(Task wait)
    {
        try
        {
            await wait;
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }
    }
}
