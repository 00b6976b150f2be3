namespace LoanPlatform.Notifications.Email;

/// <summary>The <c>Email</c> section (app settings <c>Email__Provider</c>, <c>Email__Acs__*</c> written by infra/app/app-settings.bicep).</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>Eml (default), Smtp, or Acs. Left empty, SMTP is used when <c>Email:Smtp:Host</c> is set.</summary>
    public EmailProvider? Provider { get; set; }

    /// <summary>The From address of the .eml and SMTP channels (ACS uses <see cref="AcsEmailOptions.Sender"/>).</summary>
    public string Sender { get; set; } = "LoanPlatform <no-reply@loanplatform.local>";

    /// <summary>Where .eml files go; defaults to {Data:Path}/notifications/outbox.</summary>
    public string? OutboxPath { get; set; }

    public SmtpEmailOptions Smtp { get; set; } = new();

    public AcsEmailOptions Acs { get; set; } = new();

    public EmailProvider EffectiveProvider => Provider ?? (string.IsNullOrEmpty(Smtp.Host) ? EmailProvider.Eml : EmailProvider.Smtp);
}

public enum EmailProvider
{
    Eml,
    Smtp,
    Acs,
}

public sealed class SmtpEmailOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS when the server offers it; a local test server offers none.</summary>
    public bool RequireTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }
}

public sealed class AcsEmailOptions
{
    /// <summary>The Communication Services endpoint, e.g. https://my-acs.communication.azure.com.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A verified sender of the resource's email domain, e.g. DoNotReply@contoso.com.</summary>
    public string? Sender { get; set; }

    /// <summary>How often to poll the send operation when the service gives no Retry-After.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for the operation before treating the send as failed (and retrying it under the same operation id).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
