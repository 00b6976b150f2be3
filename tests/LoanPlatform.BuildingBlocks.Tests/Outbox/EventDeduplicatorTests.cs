using LoanPlatform.BuildingBlocks.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>Claims on the embedded store when their holder dies: taken over after the lease, in doubt once handed over.</summary>
public sealed class EventDeduplicatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private OutboxHost _host = null!;

    private EventDeduplicator Deduplicator => _host.Services.GetRequiredService<EventDeduplicator>();

    public async Task InitializeAsync() => _host = await OutboxHost.StartAsync(_time);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_claim_whose_holder_died_before_handing_over_is_taken_over_after_the_lease_as_an_ordinary_claim()
    {
        Assert.Equal(ClaimResult.Claimed, await Deduplicator.TryClaimAsync("consumer", "event-1", default));
        Assert.Equal(ClaimResult.InProgress, await Deduplicator.TryClaimAsync("consumer", "event-1", default));

        _time.Advance(new OutboxOptions().ClaimLease + TimeSpan.FromSeconds(1));

        Assert.Equal(ClaimResult.Claimed, await Deduplicator.TryClaimAsync("consumer", "event-1", default));
    }

    [Fact]
    public async Task A_claim_whose_holder_died_after_handing_over_is_in_doubt_for_every_later_holder_until_completed()
    {
        await Deduplicator.TryClaimAsync("consumer", "event-2", default);
        await Deduplicator.MarkHandedOverAsync("consumer", "event-2", default);
        var lease = new OutboxOptions().ClaimLease + TimeSpan.FromSeconds(1);

        _time.Advance(lease);
        Assert.Equal(ClaimResult.InDoubt, await Deduplicator.TryClaimAsync("consumer", "event-2", default));
        // That holder died too: the mark went with its claim.
        _time.Advance(lease);
        Assert.Equal(ClaimResult.InDoubt, await Deduplicator.TryClaimAsync("consumer", "event-2", default));

        await Deduplicator.CompleteAsync("consumer", "event-2", default);
        Assert.Equal(ClaimResult.AlreadyHandled, await Deduplicator.TryClaimAsync("consumer", "event-2", default));
    }

    [Fact]
    public async Task Without_a_claim_an_event_is_recorded_handled_in_one_create_and_seen_as_handled_afterwards()
    {
        Assert.False(await Deduplicator.WasHandledAsync("idempotent", "event-3", default));

        await Deduplicator.RecordHandledAsync("idempotent", "event-3", default);

        Assert.True(await Deduplicator.WasHandledAsync("idempotent", "event-3", default));
        Assert.Equal(ClaimResult.AlreadyHandled, await Deduplicator.TryClaimAsync("idempotent", "event-3", default));
        // A racing delivery recording it again changes nothing.
        await Deduplicator.RecordHandledAsync("idempotent", "event-3", default);
        Assert.True(await Deduplicator.WasHandledAsync("idempotent", "event-3", default));
    }

    [Fact]
    public async Task A_claim_left_by_an_earlier_delivery_is_not_handled_and_is_completed_by_recording_the_event_without_a_claim()
    {
        await Deduplicator.TryClaimAsync("idempotent", "event-4", default);
        Assert.False(await Deduplicator.WasHandledAsync("idempotent", "event-4", default));

        await Deduplicator.RecordHandledAsync("idempotent", "event-4", default);

        Assert.True(await Deduplicator.WasHandledAsync("idempotent", "event-4", default));
    }
}
