namespace LoanPlatform.BuildingBlocks.IntegrationEvents;

/// <summary>UserRegistered v1. Carries no personal data beyond the preferred language; consumers ask Users for more.</summary>
public sealed record UserRegistered(string UserId, string Language, DateTimeOffset RegisteredAt)
{
    public const int Version = 1;
}
