namespace LoanPlatform.Users.Events;

/// <summary>StaffPersonLinked v1: a staff identity was linked to a person, or the link changed; which fields, never their values.</summary>
public sealed record StaffPersonLinked(string StaffId, IReadOnlyList<string> Fields, DateTimeOffset LinkedAt)
{
    public const int Version = 1;
}
