using System.Text.Json.Nodes;
using LoanPlatform.Testing;
using MimeKit;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>Email leaving through a real SMTP server, and what happens when the email provider is down.</summary>
public sealed class EmailDeliveryTests(SmtpCaptureFixture smtp) : IClassFixture<SmtpCaptureFixture>
{
    [Fact]
    public async Task The_approval_email_leaves_through_a_real_SMTP_server()
    {
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:RequireTls"] = "false",
        });
        running.InboxFolder = smtp.Folder;
        var loanId = await ApproveALoanAsync(running);

        var email = await Eventually.ArrivesAsync(async () =>
        {
            foreach (var file in Directory.Exists(smtp.Folder) ? Directory.EnumerateFiles(smtp.Folder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.TextBody?.Contains(loanId, StringComparison.Ordinal) == true)
                {
                    return message;
                }
            }

            return null;
        });

        Assert.Equal("Pinjaman Anda disetujui", email.Subject);
        Assert.Contains("Rp 10.000.000", email.TextBody, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(running.DataPath, "notifications", "outbox")), "with SMTP configured nothing goes to the local .eml outbox");
    }

    [Fact]
    public async Task With_the_provider_down_a_notification_is_retried_then_dead_lettered_with_the_reason()
    {
        // A port nobody listens on: every connection is refused.
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = LoopbackPorts.FindFree().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:RequireTls"] = "false",
            ["Notifications:Retry:MaxAttempts"] = "3",
            ["Notifications:Retry:InitialDelay"] = "00:00:00.05",
        });
        var deadLetters = Path.Combine(running.DataPath, "notifications", "dead-letter");
        var loanId = await ApproveALoanAsync(running, client => RegisterWithoutEmailAsync(client, deadLetters));

        var deadLetter = await Eventually.ArrivesAsync(() => Task.FromResult(
            (Directory.Exists(deadLetters) ? Directory.EnumerateFiles(deadLetters, "*.json") : [])
                .Select(file => JsonNode.Parse(File.ReadAllText(file))!)
                .FirstOrDefault(letter => letter["event"]!["type"]!.GetValue<string>() == "LoanApproved" && letter.ToJsonString().Contains(loanId, StringComparison.Ordinal))));

        Assert.Equal(3, deadLetter["attempts"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(deadLetter["reason"]!.GetValue<string>()));
    }

    private static async Task<string> ApproveALoanAsync(RunningPlatform running, Func<PlatformClient, Task<PlatformClient.Customer>>? register = null)
    {
        using var client = running.CreateClient();
        PlatformClient.Customer customer;
        if (register is null)
        {
            customer = await client.RegisterVerifiedCustomerAsync();
        }
        else
        {
            customer = await register(client);
            await client.VerifyKtpAsync(customer);
        }

        var loanId = await client.ApplyOkAsync(customer.Token, 10_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, await client.LoginStaffAsync("officer1@staff.local"));
        await client.WaitForStatusAsync(loanId, customer.Token, "approved");
        return loanId;
    }

    /// <summary>With no email provider the registration code cannot be mailed either: it is read from its dead letter.</summary>
    private static async Task<PlatformClient.Customer> RegisterWithoutEmailAsync(PlatformClient client, string deadLetters)
    {
        var registration = PlatformClient.NewRegistration();
        var email = (string)registration["email"]!;
        (await client.SendAsync(HttpMethod.Post, "/users", registration)).Dispose();
        var letter = await Eventually.ArrivesAsync(() => Task.FromResult(
            (Directory.Exists(deadLetters) ? Directory.EnumerateFiles(deadLetters, "*.json") : [])
                .Select(file => JsonNode.Parse(File.ReadAllText(file))!)
                .FirstOrDefault(l => l["event"]!["type"]!.GetValue<string>() == "RegistrationCodeIssued" && l.ToJsonString().Contains(email, StringComparison.OrdinalIgnoreCase))));
        var code = letter["event"]!["payload"]!["code"]!.GetValue<string>();
        var registered = await client.SendOkAsync(HttpMethod.Post, "/users/verify", new { email, code });
        return new PlatformClient.Customer(registered["userId"]!.GetValue<string>(), email, PlatformClient.CustomerPassword, await client.LoginAsync(email, PlatformClient.CustomerPassword));
    }
}
