using System.Net;
using System.Net.Http.Json;
using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Services;

/// <summary>
/// Asks the Users service (internal API, service identity) where to reach a user. Asked at send time rather than carried
/// in events, so events hold no email address and a changed address, language, preference or device is honoured.
/// </summary>
public sealed class UsersContactClient(HttpClient http)
{
    public const string BaseAddressKey = "Services:Users:InternalUrl";

    public async Task<NotificationContact> GetAsync(string userId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/internal/users/{Uri.EscapeDataString(userId)}/contact", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new PermanentNotificationException("The user no longer exists.");
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<NotificationContact>(cancellationToken)
            ?? throw new HttpRequestException("The Users service answered without a contact.");
    }

    /// <summary>Forgets a device whose push subscription is gone; succeeds when it was already forgotten.</summary>
    public async Task RemoveDeviceAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"/internal/users/{Uri.EscapeDataString(userId)}/devices/{Uri.EscapeDataString(deviceId)}", cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
