using System.Text.Json;
using LoanPlatform.BuildingBlocks.IntegrationEvents;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Outbox.Azure;

namespace LoanPlatform.BuildingBlocks.Tests.Outbox;

/// <summary>The shape of an integration event on the Service Bus topic, as documented in docs/events.md.</summary>
public sealed class ServiceBusEventPublisherTests
{
    [Fact]
    public void The_message_id_is_the_event_id_so_the_topic_drops_a_republished_event()
    {
        var approved = OutboxEvent.Create(EventTypes.LoanApproved, LoanApproved.Version, "loan-1",
            new LoanApproved("loan-1", "user-1", "cash-loan", 10_000_000, "IDR", 12, 1.5m, 916_800, new DateOnly(2026, 12, 25), DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch);

        var message = ServiceBusEventPublisher.ToMessage(approved);

        Assert.Equal(approved.EventId, message.MessageId);
        Assert.Equal("LoanApproved", message.Subject);
        Assert.Equal("loan-1", message.PartitionKey);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(1, message.ApplicationProperties["eventVersion"]);
        using var body = JsonDocument.Parse(message.Body.ToString());
        Assert.Equal(approved.EventId, body.RootElement.GetProperty("eventId").GetString());
        Assert.Equal(10_000_000, body.RootElement.GetProperty("payload").GetProperty("approvedAmount").GetInt64());
        Assert.Equal("IDR", body.RootElement.GetProperty("payload").GetProperty("currency").GetString());
    }
}
