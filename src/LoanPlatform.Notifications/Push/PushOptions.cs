namespace LoanPlatform.Notifications.Push;

/// <summary>
/// The <c>Push</c> section (app settings <c>Push__*</c>; the VAPID private key and the FCM service account key are Key
/// Vault references in Azure).
/// </summary>
public sealed class PushOptions
{
    public const string SectionName = "Push";

    /// <summary>
    /// Local (the default: every device's push is a JSON file in an outbox folder), Remote (each channel that is
    /// configured: Web Push with a VAPID public key, FCM with a project id; devices of a channel that is not are skipped),
    /// or Disabled (no push at all). In every case email stands in when nothing could be pushed. Explicit, because the
    /// local host always has a key pair for browsers to subscribe with yet sends nothing to the internet unless told to.
    /// </summary>
    public PushProvider Provider { get; set; } = PushProvider.Local;

    /// <summary>Where local pushes go; defaults to {Data:Path}/notifications/push-outbox.</summary>
    public string? OutboxPath { get; set; }

    public VapidOptions Vapid { get; set; } = new();

    public FcmOptions Fcm { get; set; } = new();

    /// <summary>How long a push service keeps a message for an offline device; a loan decision is still news a day later.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(24);
}

public enum PushProvider
{
    Local,
    Remote,
    Disabled,
}

/// <summary>The application server's key pair (RFC 8292): base64url, the public key as an uncompressed P-256 point.</summary>
public sealed class VapidOptions
{
    public string? PublicKey { get; set; }

    public string? PrivateKey { get; set; }

    /// <summary>A contact for the push service operator, a mailto: or https: URI.</summary>
    public string Subject { get; set; } = "mailto:operations@loanplatform.local";

    /// <summary>Whether Web Push is meant to be on; a public key without its private half then fails at start rather than silently.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(PublicKey);
}
