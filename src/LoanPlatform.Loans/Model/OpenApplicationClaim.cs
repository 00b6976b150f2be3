namespace LoanPlatform.Loans.Model;

/// <summary>
/// Held while a customer has an open application for a product; created with a conditional create, so two
/// simultaneous applications cannot both pass the one-open-application rule.
/// </summary>
public sealed record OpenApplicationClaim(string LoanId, DateTimeOffset ClaimedAt)
{
    public static string IdFor(string product) => $"open-{product}";
}
