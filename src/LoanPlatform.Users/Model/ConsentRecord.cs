namespace LoanPlatform.Users.Model;

/// <summary>Which version of the privacy terms the user accepted and when (UU PDP asks us to prove consent).</summary>
public sealed record ConsentRecord(string Version, DateTimeOffset AcceptedAt);
