namespace LoanPlatform.BuildingBlocks.IntegrationEvents;

/// <summary>The names of the platform's events (the <c>type</c> of the envelope, the Service Bus subject); see docs/events.md.</summary>
public static class EventTypes
{
    public const string UserRegistered = "UserRegistered";
    public const string LoanStatusChanged = "LoanStatusChanged";
    public const string LoanApproved = "LoanApproved";
    public const string LoanRejected = "LoanRejected";
    public const string LoanCancelled = "LoanCancelled";
    public const string LoanExpired = "LoanExpired";
    public const string LoanReferredToApplicant = "LoanReferredToApplicant";
}
