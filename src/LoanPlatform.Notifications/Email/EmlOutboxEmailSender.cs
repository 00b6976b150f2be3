using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Email;

/// <summary>The local default: each email is an .eml file in the outbox folder, named by message id (a resend overwrites it).</summary>
public sealed class EmlOutboxEmailSender(string outboxPath, string sender) : IEmailSender
{
    /// <summary>A second send overwrites the first file.</summary>
    public bool DropsRepeats => true;

    public async Task SendAsync(EmailMessage message, Func<CancellationToken, Task> handingOver, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outboxPath);
        var path = Path.Combine(outboxPath, $"{message.MessageId}.eml");
        var temporary = path + ".tmp";
        await MimeMessages.Create(message, sender).WriteToAsync(temporary, cancellationToken);
        // Appears whole or not at all, for whoever watches the folder.
        File.Move(temporary, path, overwrite: true);
    }
}
