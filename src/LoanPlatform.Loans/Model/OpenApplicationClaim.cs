namespace LoanPlatform.Loans.Model;

/// <summary>
/// A customer's latest application for a product, one per customer and product: it binds while that loan is open, so two
/// simultaneous applications cannot both pass the one-open-application rule (the first is a conditional create, each
/// later one a conditional replace of a claim whose loan has ended). Never released: an ended loan leaves it in place.
/// </summary>
public sealed record OpenApplicationClaim(string LoanId, DateTimeOffset ClaimedAt)
{
    public static string IdFor(string product) => $"open-{product}";
}
