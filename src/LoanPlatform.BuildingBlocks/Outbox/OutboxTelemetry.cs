using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>Spans for publishing (joined to the trace of the change that caused the event) and publish counters.</summary>
internal static class OutboxTelemetry
{
    public const string Name = "LoanPlatform.Outbox";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Published = Meter.CreateCounter<long>("loanplatform.outbox.published", description: "Events published from an outbox.");

    public static readonly Counter<long> PublishFailures = Meter.CreateCounter<long>("loanplatform.outbox.publish_failures", description: "Failed attempts to publish an event; the sweeper retries them.");
}
