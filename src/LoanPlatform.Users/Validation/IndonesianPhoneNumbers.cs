using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace LoanPlatform.Users.Validation;

/// <summary>
/// Indonesian mobile numbers, stored as E.164 (+628…). Accepts the local form 08…, 628… and +628…, with spaces,
/// dashes, dots or parentheses between digits. Mobile subscriber numbers start with 8 and have 9 to 12 digits.
/// </summary>
public static class IndonesianPhoneNumbers
{
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.Trim();
        var digits = new StringBuilder(trimmed.Length);
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                continue;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        var all = digits.ToString();
        var subscriber = trimmed.StartsWith('+')
            ? all.StartsWith("62", StringComparison.Ordinal) ? all[2..] : null
            : all.StartsWith('0') ? all[1..]
            : all.StartsWith("62", StringComparison.Ordinal) ? all[2..]
            : null;

        if (subscriber is not { Length: >= 9 and <= 12 } || subscriber[0] != '8' || subscriber[1] == '0')
        {
            return false;
        }

        e164 = "+62" + subscriber;
        return true;
    }
}
