using System.Collections.Concurrent;
using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>
/// Every event the Users service publishes, in order: the notifications queue's place in this host, where a test reads
/// what the customer would be emailed (a registration's code, a notice to an existing customer).
/// </summary>
public sealed class PublishedEvents : IOutboxPublisher
{
    private readonly ConcurrentQueue<OutboxEvent> _events = new();

    public IReadOnlyList<OutboxEvent> All => [.. _events];

    public Task PublishAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(outboxEvent);
        return Task.CompletedTask;
    }

    /// <summary>The newest verification code sent to <paramref name="email"/> (normalized), or null when none was.</summary>
    public string? CodeSentTo(string email) => All
        .Where(e => e.Type == "RegistrationCodeIssued"
            && string.Equals(e.Payload.GetProperty("recipient").GetProperty("email").GetString(), email.Trim(), StringComparison.OrdinalIgnoreCase))
        .Select(e => e.Payload.GetProperty("code").GetString())
        .LastOrDefault();
}
