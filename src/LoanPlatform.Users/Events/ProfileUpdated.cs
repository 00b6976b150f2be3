namespace LoanPlatform.Users.Events;

/// <summary>ProfileUpdated v1: which profile fields changed (camelCase names, never their values).</summary>
public sealed record ProfileUpdated(string UserId, IReadOnlyList<string> Fields, DateTimeOffset UpdatedAt)
{
    public const int Version = 1;
}
