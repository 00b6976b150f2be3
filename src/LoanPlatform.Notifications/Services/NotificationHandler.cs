using System.Diagnostics;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Notifications.Email;
using LoanPlatform.Notifications.Model;
using LoanPlatform.Notifications.Push;
using LoanPlatform.Notifications.Scheduling;
using LoanPlatform.Notifications.Templates;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Notifications.Services;

/// <summary>
/// Turns one event into what the customer asked for: an email, a push to each registered device, or both. The same code
/// runs behind the queue-triggered function and the local in-process queue. Each channel (and each device) handles an
/// event id once however often it is delivered, so a retry after a partial failure resends only what failed. Throws when
/// delivery fails so the queue retries.
/// </summary>
public sealed class NotificationHandler(
    NotificationTemplates templates,
    UsersContactClient users,
    IEmailSender email,
    PushChannels push,
    ScheduledPushes scheduledPushes,
    EventDeduplicator deduplicator,
    TimeProvider time,
    ILogger<NotificationHandler> logger)
{
    public const string EmailConsumer = "notifications-email";

    public const string PushConsumerPrefix = "notifications-push-";

    public async Task HandleAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        if (!templates.Handles(outboxEvent.Type))
        {
            return;
        }

        using var activity = NotificationsTelemetry.Source.StartActivity($"notify {outboxEvent.Type}", ActivityKind.Consumer, outboxEvent.TraceParent);
        activity?.SetTag("messaging.message.id", outboxEvent.EventId);
        try
        {
            var contact = DirectRecipientOf(outboxEvent) ?? await users.GetAsync(RecipientOf(outboxEvent), cancellationToken);
            if (outboxEvent.NotificationOnly)
            {
                // It carries a secret (a code): by email only, never on a lock screen.
                await EmailOnceAsync(outboxEvent, contact, cancellationToken);
                return;
            }

            var pushTo = contact.Preferences.Push ? contact.Devices.Where(push.CanPush).ToList() : [];
            // Decisions about a loan must reach the customer: with push chosen but no device this deployment can push to
            // (none registered, or only types whose channel is off), email stands in.
            if (contact.Preferences.Email || pushTo.Count == 0)
            {
                await EmailOnceAsync(outboxEvent, contact, cancellationToken);
            }

            if (pushTo.Count > 0)
            {
                await PushAsync(outboxEvent, contact, pushTo, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NotificationsTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("event.type", outboxEvent.Type));
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    private async Task PushAsync(OutboxEvent outboxEvent, NotificationContact contact, IReadOnlyList<PushDevice> devices, CancellationToken cancellationToken)
    {
        if (contact.Preferences.QuietHours?.EndOfPeriodContaining(time.GetUtcNow()) is { } quietUntil)
        {
            await scheduledPushes.ScheduleAsync(outboxEvent, contact.UserId, quietUntil, cancellationToken);
            return;
        }

        var notification = templates.RenderPush(outboxEvent, contact);
        foreach (var device in devices)
        {
            // Push senders never hand over (nothing marks a push in doubt): a push cut off by a crash is sent again.
            await OnceAsync(PushConsumerPrefix + device.DeviceId, outboxEvent, async _ =>
            {
                switch (await push.SenderFor(device).SendAsync(device, notification, cancellationToken))
                {
                    case PushDeliveryResult.SubscriptionGone:
                        // The browser unsubscribed, the subscription expired or the app was uninstalled: forget the device so it is not tried again.
                        await users.RemoveDeviceAsync(contact.UserId, device.DeviceId, cancellationToken);
                        logger.LogInformation("Removed device {DeviceId}: its push subscription is gone", device.DeviceId);
                        break;
                    case PushDeliveryResult.Refused:
                        logger.LogWarning("The push service refused {EventType} {EventId} for device {DeviceId}", outboxEvent.Type, outboxEvent.EventId, device.DeviceId);
                        break;
                }
            }, "push", receiverDropsRepeats: false, repeatInDoubt: true, cancellationToken);
        }
    }

    private Task EmailOnceAsync(OutboxEvent outboxEvent, NotificationContact contact, CancellationToken cancellationToken) =>
        OnceAsync(
            EmailConsumer,
            outboxEvent,
            handingOver => email.SendAsync(templates.RenderEmail(outboxEvent, contact), handingOver, cancellationToken),
            "email",
            receiverDropsRepeats: email.DropsRepeats,
            repeatInDoubt: email.DropsRepeats,
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="deliver"/> unless <paramref name="consumer"/> has already handled this event. Where
    /// <paramref name="receiverDropsRepeats"/> (the same message id twice is one message) no claim is taken: a look and,
    /// once delivered, one record. Otherwise the event id is claimed first, and a delivery an earlier attempt handed over
    /// before it died is repeated only when <paramref name="repeatInDoubt"/>; else it is counted done and reported, since
    /// sending it again would be a second email.
    /// </summary>
    private async Task OnceAsync(
        string consumer, OutboxEvent outboxEvent, Func<Func<CancellationToken, Task>, Task> deliver, string channel, bool receiverDropsRepeats, bool repeatInDoubt, CancellationToken cancellationToken)
    {
        var tags = new TagList { { "event.type", outboxEvent.Type }, { "notification.channel", channel } };
        if (receiverDropsRepeats)
        {
            if (await deduplicator.WasHandledAsync(consumer, outboxEvent.EventId, cancellationToken))
            {
                logger.LogInformation("Skipped duplicate {Channel} delivery of {EventType} {EventId}", channel, outboxEvent.Type, outboxEvent.EventId);
                return;
            }

            await deliver(_ => Task.CompletedTask);
            await deduplicator.RecordHandledAsync(consumer, outboxEvent.EventId, cancellationToken);
            NotificationsTelemetry.Sent.Add(1, tags);
            logger.LogInformation("Sent the {EventType} {Channel} for event {EventId}", outboxEvent.Type, channel, outboxEvent.EventId);
            return;
        }

        switch (await deduplicator.TryClaimAsync(consumer, outboxEvent.EventId, cancellationToken))
        {
            case ClaimResult.AlreadyHandled:
                logger.LogInformation("Skipped duplicate {Channel} delivery of {EventType} {EventId}", channel, outboxEvent.Type, outboxEvent.EventId);
                return;
            case ClaimResult.InProgress:
                throw new InvalidOperationException($"Event {outboxEvent.EventId} is being handled by another delivery.");
            case ClaimResult.InDoubt when !repeatInDoubt:
                await deduplicator.CompleteAsync(consumer, outboxEvent.EventId, cancellationToken);
                NotificationsTelemetry.InDoubt.Add(1, tags);
                logger.LogWarning(
                    "The {Channel} for {EventType} {EventId} was handed to the provider by a delivery that stopped before it was confirmed; it is not sent again, so the customer has it once or, if the provider never took it, not at all",
                    channel, outboxEvent.Type, outboxEvent.EventId);
                return;
        }

        try
        {
            await deliver(token => deduplicator.MarkHandedOverAsync(consumer, outboxEvent.EventId, token));
            await deduplicator.CompleteAsync(consumer, outboxEvent.EventId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await deduplicator.ReleaseAsync(consumer, outboxEvent.EventId);
            throw;
        }

        NotificationsTelemetry.Sent.Add(1, tags);
        logger.LogInformation("Sent the {EventType} {Channel} for event {EventId}", outboxEvent.Type, channel, outboxEvent.EventId);
    }

    /// <summary>
    /// The recipient an event names itself ("recipient": {email, language, firstName}) when there is no user to ask the
    /// Users service about yet: a registration's verification code goes to the address being verified.
    /// </summary>
    private static NotificationContact? DirectRecipientOf(OutboxEvent outboxEvent)
    {
        if (!outboxEvent.Payload.TryGetProperty("recipient", out var recipient) || recipient.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string Text(string name) => recipient.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new PermanentNotificationException($"A {outboxEvent.Type} event's recipient has no {name}.");
        return new NotificationContact(outboxEvent.Subject, Text("email"), Text("language"), Text("firstName"), new NotificationPreferences(Email: true, Push: false, QuietHours: null), []);
    }

    private static string RecipientOf(OutboxEvent outboxEvent) =>
        (outboxEvent.Payload.TryGetProperty("applicantId", out var applicant) ? applicant
            : outboxEvent.Payload.TryGetProperty("userId", out var user) ? user
            : default) is { ValueKind: JsonValueKind.String } id
            ? id.GetString()!
            : throw new PermanentNotificationException($"A {outboxEvent.Type} event names no user to notify.");
}
