using LoanPlatform.Notifications.Model;
using MimeKit;

namespace LoanPlatform.Notifications.Email;

/// <summary>The one place an <see cref="EmailMessage"/> becomes MIME, so the .eml outbox and SMTP send the same message.</summary>
internal static class MimeMessages
{
    public static MimeMessage Create(EmailMessage message, string sender)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = $"{message.MessageId}@loanplatform" };
        mime.From.Add(MailboxAddress.Parse(sender));
        mime.To.Add(MailboxAddress.Parse(message.To));
        var body = new TextPart("plain") { Text = message.Body };
        body.Headers.Add(HeaderId.ContentLanguage, message.Language);
        mime.Body = body;
        return mime;
    }
}
