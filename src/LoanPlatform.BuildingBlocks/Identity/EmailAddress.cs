using System.Net.Mail;

namespace LoanPlatform.BuildingBlocks.Identity;

/// <summary>One normalization of email addresses, shared by registration (Users) and login (Auth).</summary>
public static class EmailAddress
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string? email) =>
        email is { Length: > 3 and <= 254 }
        && MailAddress.TryCreate(email.Trim(), out var parsed)
        && parsed.Address == email.Trim()
        && parsed.Host.Contains('.', StringComparison.Ordinal);
}
