using LoanPlatform.Notifications.Model;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace LoanPlatform.Notifications.Email;

/// <summary>Sends through an SMTP server with MailKit; STARTTLS is required unless the configuration says otherwise.</summary>
public sealed class SmtpEmailSender(SmtpEmailOptions options, string sender) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Email:Smtp:Host is required for the Smtp provider."), options.Port, options.RequireTls ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(MimeMessages.Create(message, sender), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
