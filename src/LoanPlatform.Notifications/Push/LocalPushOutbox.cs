using System.Text.Json;
using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Push;

/// <summary>
/// The local default: each push is a JSON file in the outbox folder, named by event and device (a resend overwrites it),
/// holding what the device would show. The endpoint is kept as its host only; nothing is sent anywhere.
/// </summary>
public sealed class LocalPushOutbox(string outboxPath) : IPushSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<PushDeliveryResult> SendAsync(PushDevice device, PushNotification notification, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outboxPath);
        var path = Path.Combine(outboxPath, $"{notification.EventId}-{device.DeviceId}.json");
        var temporary = path + ".tmp";
        var entry = new LocalPushEntry(device.DeviceId, new Uri(device.Endpoint).Host, new PushPayload(notification));
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(entry, Json), cancellationToken);
        // Appears whole or not at all, for whoever watches the folder.
        File.Move(temporary, path, overwrite: true);
        return PushDeliveryResult.Delivered;
    }
}
