namespace LoanPlatform.Notifications.Model;

/// <summary>One rendered email. <see cref="MessageId"/> is derived from the event, so a retried send is recognisably the same.</summary>
public sealed record EmailMessage(string MessageId, string To, string Language, string Subject, string Body)
{
    // The recipient is personal data: keep it out of any accidental log line.
    public override string ToString() => $"{nameof(EmailMessage)} {{ MessageId = {MessageId}, Language = {Language} }}";
}
