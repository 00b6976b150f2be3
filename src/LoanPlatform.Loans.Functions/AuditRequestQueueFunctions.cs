using LoanPlatform.Loans.Audit;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LoanPlatform.Loans.Functions;

/// <summary>
/// The audit queue trigger: each request's record that API Management handed off. The host takes messages in batches
/// (host.json <c>queues.batchSize</c>) and runs them at once, so records of different shards are appended side by side.
/// A throw makes the host deliver the message again; after host.json's maxDequeueCount deliveries it waits in
/// <c>audit-requests-poison</c> (kept, not lost) to be moved back once the cause is fixed.
/// </summary>
public sealed class AuditRequestQueueFunctions(AuditRequestQueueHandler handler, ILogger<AuditRequestQueueFunctions> logger)
{
    /// <summary>extensions.queues.maxDequeueCount in host.json.</summary>
    public const int MaxDequeueCount = 5;

    [Function("AppendAuditedRequest")]
    public async Task Handle([QueueTrigger("%Audit__Queue__Name%")] string message, long dequeueCount, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleAsync(message, cancellationToken);
        }
        catch (Exception e) when (dequeueCount >= MaxDequeueCount)
        {
            logger.LogError(e, "Moving an audited request to the poison queue after {Attempts} attempts: {Reason}", dequeueCount, e.Message);
            throw;
        }
    }
}
