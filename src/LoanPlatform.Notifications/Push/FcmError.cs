using System.Text.Json;

namespace LoanPlatform.Notifications.Push;

/// <summary>
/// What an FCM error response says (a google.rpc.Status: status, message and details with an FcmError errorCode and
/// BadRequest field violations), reduced to what decides between a gone token and a refused message.
/// </summary>
public sealed record FcmError(string? Status, bool IsUnregistered, bool IsInvalidToken)
{
    public static async Task<FcmError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonElement error;
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (!document.RootElement.TryGetProperty("error", out var found) || found.ValueKind != JsonValueKind.Object)
            {
                return new FcmError(null, false, false);
            }

            error = found.Clone();
        }
        catch (JsonException)
        {
            // A proxy's HTML page or an empty body: only the status code tells.
            return new FcmError(null, false, false);
        }

        var status = StringOf(error, "status");
        var details = error.TryGetProperty("details", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        var unregistered = details.Any(d => StringOf(d, "errorCode") == "UNREGISTERED");
        // INVALID_ARGUMENT is about the token when a field violation names it or the message does (FCM says "registration token").
        var invalidToken = status == "INVALID_ARGUMENT"
            && (details.Any(d => d.TryGetProperty("fieldViolations", out var violations) && violations.ValueKind == JsonValueKind.Array
                    && violations.EnumerateArray().Any(v => StringOf(v, "field") == "message.token"))
                || (StringOf(error, "message")?.Contains("registration token", StringComparison.OrdinalIgnoreCase) ?? false));
        return new FcmError(status, unregistered, invalidToken);
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
