namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>
/// A deliberately small query language that both adapters can run identically: optional partition,
/// equality on top-level camelCase properties of the body (string, number or boolean values), and a cap on results.
/// </summary>
public sealed record DocumentQuery
{
    public string? PartitionKey { get; init; }

    public IReadOnlyList<FieldEquals> Filters { get; init; } = [];

    public int? MaxItems { get; init; }

    public static DocumentQuery InPartition(string partitionKey) => new() { PartitionKey = partitionKey };

    public static DocumentQuery Where(string field, object value) => new() { Filters = [new FieldEquals(field, value)] };

    public DocumentQuery And(string field, object value) => this with { Filters = [.. Filters, new FieldEquals(field, value)] };
}

/// <summary>An equality condition on a top-level property of the document body.</summary>
public sealed record FieldEquals(string Field, object Value);
