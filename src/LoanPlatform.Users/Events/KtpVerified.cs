namespace LoanPlatform.Users.Events;

/// <summary>KtpVerified v1: the profile's KTP became verified through this document.</summary>
public sealed record KtpVerified(string UserId, string DocumentId, DateTimeOffset VerifiedAt)
{
    public const int Version = 1;
}
