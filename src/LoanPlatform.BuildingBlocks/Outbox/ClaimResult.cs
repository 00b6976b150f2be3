namespace LoanPlatform.BuildingBlocks.Outbox;

public enum ClaimResult
{
    /// <summary>This delivery handles the event; complete or release the claim afterwards.</summary>
    Claimed,

    /// <summary>The event was handled before: acknowledge the delivery and do nothing.</summary>
    AlreadyHandled,

    /// <summary>Another delivery is handling it right now: try again later (it may still fail).</summary>
    InProgress,

    /// <summary>
    /// This delivery holds the claim, but an earlier one died after handing the effect over
    /// (<see cref="EventDeduplicator.MarkHandedOverAsync"/>) and before completing: it may have taken effect. Repeat it
    /// only where the receiver drops repeats; complete or release the claim afterwards.
    /// </summary>
    InDoubt,
}
