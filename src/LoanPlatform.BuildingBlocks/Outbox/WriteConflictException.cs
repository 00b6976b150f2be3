using LoanPlatform.BuildingBlocks.Storage;

namespace LoanPlatform.BuildingBlocks.Outbox;

/// <summary>
/// An aggregate changed under every try of <see cref="WriteConflictPolicy"/>: the change was not written. Answered as a
/// stale ETag at the edge, as the last lost race would be; a caller with a more precise problem catches it.
/// </summary>
public sealed class WriteConflictException(string id, int attempts, DocumentPreconditionFailedException lastConflict)
    : Exception($"The document '{id}' changed under each of {attempts} attempts to write it; the change was not written.", lastConflict)
{
    public int Attempts { get; } = attempts;
}
