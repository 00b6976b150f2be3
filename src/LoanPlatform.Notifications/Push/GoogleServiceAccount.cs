using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoanPlatform.Notifications.Push;

/// <summary>The fields of a Google service account key file that an OAuth2 JWT-bearer grant needs.</summary>
public sealed record GoogleServiceAccount(
    [property: JsonPropertyName("client_email")] string? ClientEmail,
    [property: JsonPropertyName("private_key")] string? PrivateKey,
    [property: JsonPropertyName("token_uri")] string? TokenUri)
{
    public static GoogleServiceAccount Parse(string? json)
    {
        GoogleServiceAccount? account = null;
        try
        {
            account = string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<GoogleServiceAccount>(json);
        }
        catch (JsonException)
        {
            // Reported below without the text, which holds a private key.
        }

        return account is { ClientEmail.Length: > 0, PrivateKey.Length: > 0 } && Uri.TryCreate(account.TokenUri, UriKind.Absolute, out _)
            ? account
            : throw new InvalidOperationException("FCM needs Push:Fcm:ServiceAccountJson: a service account key file with client_email, private_key and token_uri.");
    }

    // The private key must never reach a log line.
    public override string ToString() => $"{nameof(GoogleServiceAccount)} {{ ClientEmail = {ClientEmail} }}";
}
