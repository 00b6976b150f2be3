namespace LoanPlatform.Users.Objects;

/// <summary>What <see cref="IDocumentObjectStore.CopyIfAbsentAsync"/> did.</summary>
public enum ObjectCopyResult
{
    /// <summary>The destination now holds the source version that was named.</summary>
    Copied,

    /// <summary>The destination existed already and was left as it was (a copy is written once, never replaced).</summary>
    DestinationExists,

    /// <summary>The source is gone or is no longer the version named; nothing was written.</summary>
    SourceChanged,
}
