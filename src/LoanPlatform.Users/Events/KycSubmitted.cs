using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Events;

/// <summary>KycSubmitted v1: the KTP and selfie passed their file checks and the identity went to review, with the provider's outcome if one checked.</summary>
public sealed record KycSubmitted(string UserId, DateTimeOffset SubmittedAt, string? Provider, AutomatedKycOutcome? AutomatedOutcome)
{
    public const int Version = 1;
}
