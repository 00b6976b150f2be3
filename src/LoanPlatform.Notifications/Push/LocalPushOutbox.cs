using System.Text.Json;
using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Push;

/// <summary>
/// The local default: each push is a JSON file in the outbox folder, named by event and device (a resend overwrites it),
/// holding what the device would show, for Web Push and FCM devices alike. An endpoint is kept as its host only and a token
/// not at all; nothing is sent anywhere.
/// </summary>
public sealed class LocalPushOutbox(string outboxPath) : IPushSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<PushDeliveryResult> SendAsync(PushDevice device, PushNotification notification, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outboxPath);
        var path = Path.Combine(outboxPath, $"{notification.EventId}-{device.DeviceId}.json");
        var temporary = path + ".tmp";
        var entry = new LocalPushEntry(device.DeviceId, device.Type, device.Endpoint is null ? null : new Uri(device.Endpoint).Host, new PushPayload(notification));
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(entry, Json), cancellationToken);
        // Appears whole or not at all, for whoever watches the folder.
        File.Move(temporary, path, overwrite: true);
        return PushDeliveryResult.Delivered;
    }
}
