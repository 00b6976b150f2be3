using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using LoanPlatform.Testing;
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

    [Fact]
    public async Task A_customer_who_chose_push_only_gets_the_approval_as_a_push_and_no_email()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        using var preferences = await client.SendAsync(HttpMethod.Get, "/users/me/notification-preferences", token: customer.Token);
        await client.SendOkAsync(HttpMethod.Put, "/users/me/notification-preferences", new { email = false, push = true }, customer.Token,
            new Dictionary<string, string> { ["If-Match"] = preferences.Headers.ETag!.ToString() });
        var device = (await client.SendOkAsync(HttpMethod.Post, "/users/me/devices", new
        {
            endpoint = "https://fcm.googleapis.com/fcm/send/" + Guid.NewGuid().ToString("N"),
            keys = new { p256dh = BrowserKey(), auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) },
        }, customer.Token))["deviceId"]!.GetValue<string>();
        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer1@staff.local"));

        var pushOutbox = Path.Combine(fixture.Running.DataPath, "notifications", "push-outbox");
        var push = await Eventually.ArrivesAsync(() => Directory.Exists(pushOutbox)
            ? Directory.EnumerateFiles(pushOutbox, $"*-{device}.json").Select(File.ReadAllText).FirstOrDefault(text => text.Contains(loanId, StringComparison.Ordinal))
            : null);

        Assert.Contains("Pinjaman Anda disetujui", push, StringComparison.Ordinal);
        var outbox = Path.Combine(fixture.Running.DataPath, "notifications", "outbox");
        Assert.DoesNotContain(Directory.Exists(outbox) ? Directory.EnumerateFiles(outbox, "*.eml") : [],
            file => File.ReadAllText(file).Contains(loanId, StringComparison.Ordinal));
    }

    private static string BrowserKey()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        return Base64Url.EncodeToString([0x04, .. point.X!, .. point.Y!]);
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
