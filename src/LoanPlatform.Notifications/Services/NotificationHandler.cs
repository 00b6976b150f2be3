using System.Diagnostics;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Notifications.Email;
using LoanPlatform.Notifications.Model;
using LoanPlatform.Notifications.Templates;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Notifications.Services;

/// <summary>
/// Turns one event into the customer's email: the same code behind the queue-triggered function and the local in-process
/// queue. Throws when delivery fails so the queue retries; each event id is handled once however often it is delivered.
/// </summary>
public sealed class NotificationHandler(
    NotificationTemplates templates,
    UsersContactClient users,
    IEmailSender email,
    EventDeduplicator deduplicator,
    ILogger<NotificationHandler> logger)
{
    public const string Consumer = "notifications-email";

    public async Task HandleAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        if (!templates.Handles(outboxEvent.Type))
        {
            return;
        }

        using var activity = NotificationsTelemetry.Source.StartActivity($"notify {outboxEvent.Type}", ActivityKind.Consumer, outboxEvent.TraceParent);
        activity?.SetTag("messaging.message.id", outboxEvent.EventId);
        switch (await deduplicator.TryClaimAsync(Consumer, outboxEvent.EventId, cancellationToken))
        {
            case ClaimResult.AlreadyHandled:
                logger.LogInformation("Skipped duplicate delivery of {EventType} {EventId}", outboxEvent.Type, outboxEvent.EventId);
                return;
            case ClaimResult.InProgress:
                throw new InvalidOperationException($"Event {outboxEvent.EventId} is being handled by another delivery.");
        }

        try
        {
            var contact = await users.GetAsync(RecipientOf(outboxEvent), cancellationToken);
            await email.SendAsync(templates.Render(outboxEvent, contact), cancellationToken);
            await deduplicator.CompleteAsync(Consumer, outboxEvent.EventId, cancellationToken);
            NotificationsTelemetry.Sent.Add(1, new KeyValuePair<string, object?>("event.type", outboxEvent.Type));
            logger.LogInformation("Sent the {EventType} email for event {EventId}", outboxEvent.Type, outboxEvent.EventId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await deduplicator.ReleaseAsync(Consumer, outboxEvent.EventId);
            NotificationsTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("event.type", outboxEvent.Type));
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    private static string RecipientOf(OutboxEvent outboxEvent) =>
        (outboxEvent.Payload.TryGetProperty("applicantId", out var applicant) ? applicant
            : outboxEvent.Payload.TryGetProperty("userId", out var user) ? user
            : default) is { ValueKind: JsonValueKind.String } id
            ? id.GetString()!
            : throw new PermanentNotificationException($"A {outboxEvent.Type} event names no user to notify.");
}
