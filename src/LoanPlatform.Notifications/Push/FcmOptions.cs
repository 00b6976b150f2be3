namespace LoanPlatform.Notifications.Push;

/// <summary>
/// Firebase Cloud Messaging HTTP v1 (<c>Push:Fcm</c>): with <see cref="ProjectId"/> set and <c>Push:Provider=Remote</c>,
/// FCM devices are pushed to; without it they are skipped and email stands in.
/// </summary>
public sealed class FcmOptions
{
    /// <summary>The Firebase project whose apps registered the tokens; empty: FCM is off.</summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// The Google service account key file (JSON with client_email, private_key and token_uri) allowed to send for the
    /// project; a Key Vault reference to the secret <c>push-fcm-service-account</c> in Azure.
    /// </summary>
    public string? ServiceAccountJson { get; set; }

    /// <summary>Where the FCM API is; only tests point it elsewhere.</summary>
    public Uri Endpoint { get; set; } = new("https://fcm.googleapis.com");

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ProjectId);
}
