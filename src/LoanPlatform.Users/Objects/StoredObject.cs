namespace LoanPlatform.Users.Objects;

/// <summary>An object read from the store; dispose it to release the content stream.</summary>
public sealed class StoredObject(long sizeBytes, string contentType, Stream content) : IAsyncDisposable
{
    public long SizeBytes { get; } = sizeBytes;

    public string ContentType { get; } = contentType;

    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
