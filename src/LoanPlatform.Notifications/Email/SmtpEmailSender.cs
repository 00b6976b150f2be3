using LoanPlatform.Notifications.Model;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace LoanPlatform.Notifications.Email;

/// <summary>
/// Sends through an SMTP server with MailKit; STARTTLS is required unless the configuration says otherwise. SMTP has no
/// idempotent send: a server that accepted a message delivers it again when it is sent again, Message-ID or not.
/// </summary>
public sealed class SmtpEmailSender(SmtpEmailOptions options, string sender) : IEmailSender
{
    public bool DropsRepeats => false;

    public async Task SendAsync(EmailMessage message, Func<CancellationToken, Task> handingOver, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Email:Smtp:Host is required for the Smtp provider."), options.Port, options.RequireTls ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(MimeMessages.Create(message, sender), cancellationToken, new HandOverBeforeEndOfData(handingOver, cancellationToken));
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>
    /// MailKit reports the bytes of the message as it writes them after DATA; the server takes the message only at the
    /// end-of-data line MailKit writes after the last of them (these plain-text messages always go by DATA; MailKit uses
    /// BDAT only for binary content). The last report is therefore the last moment before the
    /// server can commit the message, and the hand-over is made durable there. The progress hook is synchronous, hence
    /// the blocking wait: it holds the send, which is the point.
    /// </summary>
    private sealed class HandOverBeforeEndOfData(Func<CancellationToken, Task> handingOver, CancellationToken cancellationToken) : ITransferProgress
    {
        private bool _handedOver;

        public void Report(long bytesTransferred, long totalSize)
        {
            // Dot-stuffing can make the bytes written exceed the measured size: the first report that reaches it counts.
            if (!_handedOver && bytesTransferred >= totalSize)
            {
                _handedOver = true;
                handingOver(cancellationToken).GetAwaiter().GetResult();
            }
        }

        // MailKit measures the message whenever progress is asked for, so it always reports against a total.
        public void Report(long bytesTransferred)
        {
        }
    }
}
