using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using LoanPlatform.BuildingBlocks.Outbox.Azure;
using LoanPlatform.BuildingBlocks.Outbox.Local;
using LoanPlatform.BuildingBlocks.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LoanPlatform.BuildingBlocks.Outbox;

public static class OutboxExtensions
{
    private const string NotificationQueueServiceUriKey = "Notifications:Queue:ServiceUri";

    /// <summary>
    /// The outbox of aggregate <typeparamref name="T"/> (its write path, dispatcher and sweeper), and the event publishers
    /// once however many aggregates a service has (<see cref="AddOutboxPublishers"/>). <paramref name="publishing"/> says
    /// whether a write returns before or after its events are published.
    /// </summary>
    public static IHostApplicationBuilder AddOutbox<T>(this IHostApplicationBuilder builder, OutboxPublishing publishing = OutboxPublishing.AfterTheWrite)
        where T : class, IHasOutbox<T>
    {
        builder.Services.TryAddSingleton(WriteConflictPolicy.Default);
        if (publishing == OutboxPublishing.InTheBackground && !builder.Services.Any(descriptor => descriptor.ServiceType == typeof(OutboxRelay)))
        {
            builder.Services.AddSingleton<OutboxRelay>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<OutboxRelay>());
        }

        builder.Services.AddSingleton(provider => new AggregateStore<T>(
            provider.GetRequiredService<IDocumentStore<T>>(),
            provider.GetRequiredService<OutboxDispatcher<T>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<WriteConflictPolicy>(),
            publishing == OutboxPublishing.InTheBackground ? provider.GetRequiredService<OutboxRelay>() : null));
        builder.Services.AddSingleton<OutboxDispatcher<T>>();
        builder.Services.AddSingleton<OutboxSweeper<T>>();
        return builder.AddOutboxPublishers();
    }

    /// <summary>
    /// The event publishers, from configuration: the Service Bus topic when <c>ServiceBus:FullyQualifiedNamespace</c> is set,
    /// else the local event log under the data folder; the notifications Storage queue when
    /// <c>Notifications:Queue:ServiceUri</c> is set (locally the host adds its in-process queue instead). Registered once:
    /// a second registration would publish every event twice.
    /// </summary>
    private static IHostApplicationBuilder AddOutboxPublishers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(descriptor => descriptor.ServiceType == typeof(OutboxPublishersRegistered)))
        {
            return builder;
        }

        var configuration = builder.Configuration;
        services.AddSingleton<OutboxPublishersRegistered>();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);

        if (configuration["ServiceBus:FullyQualifiedNamespace"] is { Length: > 0 } serviceBusNamespace)
        {
            var topic = configuration["ServiceBus:TopicName"] ?? "platform-events";
            services.AddSingleton(provider => new ServiceBusClient(serviceBusNamespace, Credential(provider, configuration)));
            services.AddSingleton<IOutboxPublisher>(provider => new ServiceBusEventPublisher(provider.GetRequiredService<ServiceBusClient>().CreateSender(topic)));
        }
        else
        {
            var dataPath = configuration["Data:Path"] ?? ".data";
            services.TryAddSingleton(new LocalEventLog(Path.Combine(dataPath, "events", "platform-events.jsonl")));
            services.AddSingleton<IOutboxPublisher>(provider => provider.GetRequiredService<LocalEventLog>());
        }

        if (!string.IsNullOrEmpty(configuration[NotificationQueueServiceUriKey]))
        {
            services.AddSingleton<IOutboxPublisher>(provider => NotificationQueuePublisher(provider, configuration)!);
        }

        return builder;
    }

    /// <summary>
    /// A sender to the notifications Storage queue when <c>Notifications:Queue:ServiceUri</c> is set, else null (locally
    /// the host shares its in-process queue instead).
    /// </summary>
    public static StorageQueueEventPublisher? NotificationQueuePublisher(IServiceProvider provider, IConfiguration configuration) =>
        configuration[NotificationQueueServiceUriKey] is { Length: > 0 } queueServiceUri
            ? new StorageQueueEventPublisher(new QueueClient(
                new Uri($"{queueServiceUri.TrimEnd('/')}/{configuration["Notifications:Queue:Name"] ?? "notifications"}"),
                Credential(provider, configuration),
                // The Functions queue trigger expects Base64 message bodies.
                new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }))
            : null;

    /// <summary>Runs the sweeper of <typeparamref name="T"/> on an interval in this (long-running) host.</summary>
    public static IServiceCollection AddOutboxSweeperService<T>(this IServiceCollection services) where T : class, IHasOutbox<T> =>
        services.AddHostedService<OutboxSweeperService<T>>();

    /// <summary>
    /// Processed-id records in the service's own store, so a consumer handles each event id once. The claim lease is
    /// <see cref="OutboxOptions.ClaimLease"/> (bound from the Outbox section where the host binds it, else its default).
    /// </summary>
    public static IServiceCollection AddEventDeduplication(this IServiceCollection services)
    {
        services.AddDocumentType<ProcessedEvent>(EventDeduplicator.DocumentType);
        return services.AddSingleton<EventDeduplicator>();
    }

    private static TokenCredential Credential(IServiceProvider provider, IConfiguration configuration) =>
        provider.GetService<TokenCredential>()
        ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration["AZURE_CLIENT_ID"] });

    /// <summary>Marks a service collection whose publishers are registered.</summary>
    private sealed class OutboxPublishersRegistered;
}
