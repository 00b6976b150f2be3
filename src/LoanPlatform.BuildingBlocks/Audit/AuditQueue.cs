using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// A bounded in-process queue in front of the trail, so a request never waits for an audit write. When it is full the
/// record is dropped and logged rather than slowing the caller; <see cref="AuditWriterService"/> drains it.
/// </summary>
public sealed class AuditQueue(ILogger<AuditQueue> logger)
{
    public const int Capacity = 10_000;

    private readonly Channel<AuditRecord> channel = Channel.CreateBounded<AuditRecord>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<AuditRecord> Reader => channel.Reader;

    public void Enqueue(AuditRecord record)
    {
        if (!channel.Writer.TryWrite(record))
        {
            logger.LogWarning("Audit queue full or closed; dropped the record of {Action}", record.Action);
        }
    }

    /// <summary>Accepts no more records; the writer finishes what is queued.</summary>
    public void Complete() => channel.Writer.TryComplete();
}
