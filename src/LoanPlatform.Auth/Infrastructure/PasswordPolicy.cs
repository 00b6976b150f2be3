using System.Collections.Frozen;
using LoanPlatform.BuildingBlocks.Problems;

namespace LoanPlatform.Auth.Infrastructure;

/// <summary>
/// What a new password must be (NIST SP 800-63B): 12 to 128 characters, not a known common or breached password, and
/// not built on the account's own email name. No composition rules: they push people toward predictable patterns.
/// </summary>
public sealed class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    // The shortest email name worth refusing: "a@x.id" inside a long password is a coincidence, not a weakness.
    private const int MinimumLocalPartMatch = 3;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Adds the password's failures, if any, to <paramref name="validation"/> under <paramref name="field"/>.</summary>
    public void Check(string? password, string? email, RequestValidation validation, string field)
    {
        if (password is not { Length: >= MinimumLength and <= MaximumLength })
        {
            validation.Add(field, $"The password must have {MinimumLength} to {MaximumLength} characters.");
            return;
        }

        if (Common.Value.Contains(password.ToLowerInvariant()))
        {
            validation.Add(field, "This password is too common; choose another.");
        }

        var localPart = email?.Split('@')[0].Trim();
        if (localPart is { Length: >= MinimumLocalPartMatch } && password.Contains(localPart, StringComparison.OrdinalIgnoreCase))
        {
            validation.Add(field, "The password must not contain your email name.");
        }
    }

    // Lower-cased list shipped with the service (keyboard walks, repeats, and common words with the usual suffixes).
    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("LoanPlatform.Auth.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
