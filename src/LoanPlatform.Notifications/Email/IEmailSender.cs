using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Email;

/// <summary>The email port: Azure Communication Services in the cloud, SMTP when configured, a local .eml outbox by default.</summary>
public interface IEmailSender
{
    /// <summary>
    /// Whether the provider itself drops a second send of the same message id, so a send whose outcome a crash left
    /// unknown can simply be made again.
    /// </summary>
    bool DropsRepeats { get; }

    /// <summary>
    /// Sends or throws; a throw is retried by the queue. A sender whose provider does not drop repeats awaits
    /// <paramref name="handingOver"/> at the last moment before the provider can take the message, so that a crash from
    /// there on leaves the delivery in doubt instead of sending it again.
    /// </summary>
    Task SendAsync(EmailMessage message, Func<CancellationToken, Task> handingOver, CancellationToken cancellationToken);
}
