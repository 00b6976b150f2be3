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
}
