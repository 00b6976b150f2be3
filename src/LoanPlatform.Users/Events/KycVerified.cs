namespace LoanPlatform.Users.Events;

/// <summary>KycVerified v1: the customer's identity was verified (the envelope's actor says by whom); the customer is told.</summary>
public sealed record KycVerified(string UserId, DateTimeOffset VerifiedAt, IReadOnlyList<string> DocumentIds)
{
    public const int Version = 1;
}
