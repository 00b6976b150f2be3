namespace LoanPlatform.Users.Objects;

/// <summary>
/// An object read from the store; dispose it to release the content stream. <see cref="ETag"/> names exactly these
/// bytes as the store versions them, so a later copy can insist on the same version (<see cref="IDocumentObjectStore.CopyIfAbsentAsync"/>).
/// </summary>
public sealed class StoredObject(long sizeBytes, string contentType, string eTag, Stream content) : IAsyncDisposable
{
    public long SizeBytes { get; } = sizeBytes;

    public string ContentType { get; } = contentType;

    public string ETag { get; } = eTag;

    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
