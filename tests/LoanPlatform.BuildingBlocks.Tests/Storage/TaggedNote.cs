namespace LoanPlatform.BuildingBlocks.Tests.Storage;

/// <summary>A document with an array property, to query on what the array holds.</summary>
public sealed record TaggedNote(IReadOnlyList<string> Tags);
