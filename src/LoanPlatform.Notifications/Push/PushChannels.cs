using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Push;

/// <summary>
/// The sender for each device type this deployment pushes through (Web Push, FCM, or the local outbox for both). A
/// device whose type has no sender is not pushed to, so email can stand in when none of a customer's devices can be.
/// </summary>
public sealed class PushChannels(IReadOnlyDictionary<string, IPushSender> senders)
{
    public bool CanPush(PushDevice device) => senders.ContainsKey(device.Type);

    public IPushSender SenderFor(PushDevice device) => senders[device.Type];
}
