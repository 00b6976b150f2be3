namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>
/// A deliberately small query language that both adapters can run identically: optional partition,
/// equality on top-level camelCase properties of the body (string, number or boolean values), a value held by a
/// top-level array property, and a cap on results.
/// </summary>
public sealed record DocumentQuery
{
    public string? PartitionKey { get; init; }

    public IReadOnlyList<FieldEquals> Filters { get; init; } = [];

    /// <summary>
    /// Array properties that must hold a value. Unlike an equality, not indexed on the embedded store: use it within a
    /// partition, where it reads only that partition's documents.
    /// </summary>
    public IReadOnlyList<FieldContains> Contains { get; init; } = [];

    public int? MaxItems { get; init; }

    public static DocumentQuery InPartition(string partitionKey) => new() { PartitionKey = partitionKey };

    public static DocumentQuery Where(string field, object value) => new() { Filters = [new FieldEquals(field, value)] };

    public DocumentQuery And(string field, object value) => this with { Filters = [.. Filters, new FieldEquals(field, value)] };

    public DocumentQuery AndContains(string field, object value) => this with { Contains = [.. Contains, new FieldContains(field, value)] };
}

/// <summary>An equality condition on a top-level property of the document body.</summary>
public sealed record FieldEquals(string Field, object Value);

/// <summary>A condition that a top-level array property of the document body holds a value.</summary>
public sealed record FieldContains(string Field, object Value);
