using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MimeKit;

namespace LoanPlatform.Testing.Platform;

/// <summary>
/// Reads the emails the platform sent, as .eml files in a folder: the local outbox (<c>{Data:Path}/notifications/outbox</c>)
/// or an SMTP capture's folder, newest first.
/// </summary>
public sealed partial class EmailInbox(string folder)
{
    // Each file is parsed once per version (a resend overwrites it): a load test's folder holds thousands of emails, and
    // every poll of every waiting caller looks at all of them.
    private readonly ConcurrentDictionary<string, (DateTime Written, MimeMessage Message)> parsed = new(StringComparer.Ordinal);

    public string Folder => folder;

    /// <summary>The newest email to <paramref name="to"/> that <paramref name="match"/> accepts, waiting for it to arrive.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var message in await ToAsync(to))
            {
                if (match?.Invoke(message) ?? true)
                {
                    return message;
                }
            }

            await Task.Delay(100);
        }
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)));

        throw new TimeoutException($"No matching email to {to} arrived in {folder}.");
    }

    /// <summary>Every email to <paramref name="to"/> so far, newest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ToAsync(string to)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var messages = new List<(DateTime Written, MimeMessage Message)>();
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.eml"))
        {
            var written = file.LastWriteTimeUtc;
            if (!parsed.TryGetValue(file.FullName, out var entry) || entry.Written != written)
            {
                entry = (written, await MimeMessage.LoadAsync(file.FullName));
                parsed[file.FullName] = entry;
            }

            if (entry.Message.To.Mailboxes.Any(mailbox => string.Equals(mailbox.Address, to, StringComparison.OrdinalIgnoreCase)))
            {
                messages.Add(entry);
            }
        }

        return [.. messages.OrderByDescending(m => m.Written).Select(m => m.Message)];
    }

    /// <summary>The six-digit registration code in the newest code email to <paramref name="to"/>.</summary>
    public async Task<string> WaitForVerificationCodeAsync(string to) =>
        SixDigits().Match((await WaitForAsync(to, message => SixDigits().IsMatch(message.TextBody ?? ""))).TextBody ?? "").Value;

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}
