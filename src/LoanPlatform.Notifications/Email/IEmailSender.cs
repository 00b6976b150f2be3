using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Email;

/// <summary>The email port: Azure Communication Services in the cloud, SMTP when configured, a local .eml outbox by default.</summary>
public interface IEmailSender
{
    /// <summary>Sends or throws; a throw is retried by the queue, so an implementation must tolerate the same message twice.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
