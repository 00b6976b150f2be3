using System.Diagnostics;
using MimeKit;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>The approval reaches the customer: an email in the local outbox, in the user's language, with the amount in rupiah.</summary>
public sealed class NotificationTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Theory]
    [InlineData(null, "id", "Pinjaman Anda disetujui", "telah disetujui sebesar Rp 10.000.000")]
    [InlineData("en", "en", "Your loan is approved", "has been approved for Rp 10.000.000")]
    public async Task The_approval_email_is_in_the_users_language_and_shows_the_approved_amount(string? language, string expectedLanguage, string subject, string amountLine)
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync(language);
        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["deadline"] is not null);
        var officer = await client.LoginStaffAsync("officer1@staff.local");
        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve", reason = "Income verified" }, officer);

        var email = await WaitForEmailAsync(message => message.TextBody?.Contains(loanId, StringComparison.Ordinal) == true);

        Assert.Equal(subject, email.Subject);
        Assert.Equal(customer.Email, email.To.Mailboxes.Single().Address);
        Assert.Equal(expectedLanguage, email.Body?.Headers[HeaderId.ContentLanguage]?.Trim());
        Assert.Contains(amountLine, email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Siti", email.TextBody, StringComparison.Ordinal);
    }

    private async Task<MimeMessage> WaitForEmailAsync(Func<MimeMessage, bool> match)
    {
        var outbox = Path.Combine(fixture.Running.DataPath, "notifications", "outbox");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (Directory.Exists(outbox))
            {
                foreach (var file in Directory.EnumerateFiles(outbox, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (match(message))
                    {
                        return message;
                    }
                }
            }

            await Task.Delay(200);
        }

        var deadLetters = Path.Combine(fixture.Running.DataPath, "notifications", "dead-letter");
        var reasons = Directory.Exists(deadLetters) ? string.Join("\n", Directory.EnumerateFiles(deadLetters).Select(File.ReadAllText)) : "none";
        throw new TimeoutException($"No matching email arrived in {outbox}. Dead letters: {reasons}");
    }
}
