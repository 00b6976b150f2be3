namespace LoanPlatform.Users.Push;

/// <summary>
/// The "Push:Vapid" configuration section, as far as the Users service needs it: the public half of the key pair the
/// Notifications service signs with, handed to browsers when they subscribe.
/// </summary>
public sealed class VapidOptions
{
    public const string SectionName = "Push:Vapid";

    /// <summary>Base64url of the uncompressed P-256 point; unset until push is configured.</summary>
    public string? PublicKey { get; set; }
}
