using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace LoanPlatform.Users.Validation;

/// <summary>Emails are compared and stored trimmed and lower-cased, so one mailbox cannot register twice by casing.</summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var candidate = value?.Trim().ToLowerInvariant();
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
