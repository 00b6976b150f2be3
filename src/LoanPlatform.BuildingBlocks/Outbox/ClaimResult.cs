namespace LoanPlatform.BuildingBlocks.Outbox;

public enum ClaimResult
{
    /// <summary>This delivery handles the event; complete or release the claim afterwards.</summary>
    Claimed,

    /// <summary>The event was handled before: acknowledge the delivery and do nothing.</summary>
    AlreadyHandled,

    /// <summary>Another delivery is handling it right now: try again later (it may still fail).</summary>
    InProgress,
}
