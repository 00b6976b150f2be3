namespace LoanPlatform.Users.Events;

/// <summary>
/// KycRejected v1: the identity was refused for the reason codes given (texts in the customer's language are on their
/// profile); the envelope's actor is the reviewer or the provider's system actor. The customer is told.
/// </summary>
public sealed record KycRejected(string UserId, IReadOnlyList<string> Reasons, string? Provider, DateTimeOffset RejectedAt)
{
    public const int Version = 1;
}
