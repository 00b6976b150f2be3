using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace LoanPlatform.BuildingBlocks.Identity;

/// <summary>
/// One rule for email addresses, shared by registration (Users) and login (Auth): compared and stored trimmed and
/// lower-cased, so one mailbox cannot register twice by casing.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string? email) => TryNormalize(email, out _);

    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var candidate = value is null ? null : Normalize(value);
        if (string.IsNullOrEmpty(candidate) || candidate.Length > MaxLength || candidate.Any(char.IsWhiteSpace))
        {
            return false;
        }

        // MailAddress also accepts display-name forms ("A <a@b.c>"); only a bare address that round-trips counts.
        if (!MailAddress.TryCreate(candidate, out var address) || address.Address != candidate)
        {
            return false;
        }

        var domain = address.Host;
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return false;
        }

        normalized = candidate;
        return true;
    }
}
