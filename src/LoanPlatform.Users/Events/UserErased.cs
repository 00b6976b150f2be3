namespace LoanPlatform.Users.Events;

/// <summary>UserErased v1: an erasure was honoured. Names the subject only by the SHA-256 of the user id, like the erasure record.</summary>
public sealed record UserErased(string SubjectHash, int DocumentsErased, int DevicesErased, DateOnly ErasedOn)
{
    public const int Version = 1;
}
