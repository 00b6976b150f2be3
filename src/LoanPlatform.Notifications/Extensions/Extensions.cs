using Azure.Core;
using Azure.Identity;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Outbox.Local;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Notifications.Email;
using LoanPlatform.Notifications.Model;
using LoanPlatform.Notifications.Push;
using LoanPlatform.Notifications.Queue;
using LoanPlatform.Notifications.Scheduling;
using LoanPlatform.Notifications.Services;
using LoanPlatform.Notifications.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Notifications.Extensions;

public static class Extensions
{
    public const string ServiceName = "notifications";

    /// <summary>
    /// The handler and what it needs: templates, the Users contact client (Services:Users:InternalUrl), the email channel
    /// chosen by the Email section, the push channel chosen by the Push section, pushes held for quiet hours and
    /// processed-id records in the service's store. The host adds the queue that feeds it.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var dataPath = builder.Configuration["Data:Path"] ?? ".data";
        services.TryAddSingleton(TimeProvider.System);
        builder.AddDocumentStore(ServiceName);
        services.AddEventDeduplication();
        services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection(OutboxOptions.SectionName));
        services.AddSingleton<NotificationTemplates>();
        services.AddInternalApiClient<UsersContactClient>(UsersContactClient.BaseAddressKey, builder.Configuration);
        services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.SectionName))
            .PostConfigure(options => options.OutboxPath ??= Path.Combine(dataPath, ServiceName, "outbox"));
        services.AddOptions<NotificationRetryOptions>().Bind(builder.Configuration.GetSection(NotificationRetryOptions.SectionName));
        services.AddHttpClient<AcsEmailSender>();
        services.AddSingleton<IEmailSender>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
            return options.EffectiveProvider switch
            {
                EmailProvider.Smtp => new SmtpEmailSender(options.Smtp, options.Sender),
                EmailProvider.Acs => new AcsEmailSender(
                    provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AcsEmailSender)),
                    provider.GetService<TokenCredential>() ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = builder.Configuration["AZURE_CLIENT_ID"] }),
                    options.Acs,
                    provider.GetRequiredService<TimeProvider>()),
                _ => new EmlOutboxEmailSender(options.OutboxPath!, options.Sender),
            };
        });
        services.AddOptions<PushOptions>().Bind(builder.Configuration.GetSection(PushOptions.SectionName))
            .PostConfigure(options => options.OutboxPath ??= Path.Combine(dataPath, ServiceName, "push-outbox"));
        // Endpoints come from clients; the Users service admits only push-service hosts, and no redirect may lead elsewhere.
        services.AddHttpClient<WebPushSender>().ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHttpClient<FcmSender>();
        // Held by the singleton below for the process's life, so connections are recycled to follow DNS changes.
        services.AddHttpClient(nameof(GoogleAccessTokens))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) });
        // One per process, so its cached access token serves every notification until it is due for renewal.
        services.AddSingleton(provider => new GoogleAccessTokens(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(GoogleAccessTokens)),
            provider.GetRequiredService<IOptions<PushOptions>>().Value.Fcm.ServiceAccountJson,
            provider.GetRequiredService<TimeProvider>()));
        // Scoped like the handler, so the typed clients' handlers are rotated by the factory rather than held for ever.
        services.AddScoped(provider => new PushChannels(PushSenders(provider)));
        services.AddDocumentType<ScheduledPush>(ScheduledPushes.DocumentType);
        services.AddOptions<ScheduledPushOptions>().Bind(builder.Configuration.GetSection(ScheduledPushOptions.SectionName));
        // Due pushes go back on the notifications queue: the Storage queue in Azure, the host's in-process queue locally.
        services.AddSingleton(provider => new ScheduledPushes(
            provider.GetRequiredService<IDocumentStore<ScheduledPush>>(),
            (IOutboxPublisher?)OutboxExtensions.NotificationQueuePublisher(provider, builder.Configuration) ?? provider.GetRequiredService<InProcessEventQueue>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ScheduledPushes>>()));
        services.AddScoped<NotificationHandler>();
        return builder;
    }

    /// <summary>
    /// The sender per device type: the local outbox for both (Local), each remote channel that is configured (Remote),
    /// or none (Disabled).
    /// </summary>
    private static Dictionary<string, IPushSender> PushSenders(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<PushOptions>>().Value;
        var senders = new Dictionary<string, IPushSender>(StringComparer.Ordinal);
        switch (options.Provider)
        {
            case PushProvider.Local:
                var outbox = new LocalPushOutbox(options.OutboxPath!);
                senders[PushDeviceTypes.WebPush] = outbox;
                senders[PushDeviceTypes.Fcm] = outbox;
                break;
            case PushProvider.Remote:
                if (options.Vapid.IsConfigured)
                {
                    senders[PushDeviceTypes.WebPush] = provider.GetRequiredService<WebPushSender>();
                }

                if (options.Fcm.IsConfigured)
                {
                    senders[PushDeviceTypes.Fcm] = provider.GetRequiredService<FcmSender>();
                }

                break;
        }

        return senders;
    }

    /// <summary>
    /// The local queue: the worker over the shared in-process queue, dead letters under the data folder, and the loop that
    /// releases pushes held for quiet hours.
    /// </summary>
    public static IHostApplicationBuilder AddInProcessNotificationQueue(this IHostApplicationBuilder builder)
    {
        var dataPath = builder.Configuration["Data:Path"] ?? ".data";
        builder.Services.AddSingleton(new LocalDeadLetterStore(Path.Combine(dataPath, ServiceName, "dead-letter")));
        builder.Services.AddHostedService<InProcessNotificationWorker>();
        builder.Services.AddHostedService<ScheduledPushReleaseService>();
        return builder;
    }
}
