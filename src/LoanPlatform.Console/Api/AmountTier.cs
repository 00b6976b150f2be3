namespace LoanPlatform.Console.Api;

/// <summary>
/// Amount bands for filtering the queue. They are a view of the list only: which approvals a loan needs is the workflow's
/// (its stages are on the loan), never inferred from these bands.
/// </summary>
public sealed record AmountTier(string Id, long From, long UpTo)
{
    public static readonly IReadOnlyList<AmountTier> All =
    [
        new("small", 0, 10_000_000),
        new("medium", 10_000_001, 50_000_000),
        new("large", 50_000_001, long.MaxValue),
    ];

    public static AmountTier Of(long amount) => All.First(t => amount <= t.UpTo);
}
