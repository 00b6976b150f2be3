using Azure.Core;
using Azure.Identity;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Notifications.Email;
using LoanPlatform.Notifications.Queue;
using LoanPlatform.Notifications.Services;
using LoanPlatform.Notifications.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Notifications.Extensions;

public static class Extensions
{
    public const string ServiceName = "notifications";

    /// <summary>
    /// The handler and what it needs: templates, the Users contact client (Services:Users:InternalUrl), the email channel
    /// chosen by the Email section, processed-id records in the service's store. The host adds the queue that feeds it.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationsServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var dataPath = builder.Configuration["Data:Path"] ?? ".data";
        services.TryAddSingleton(TimeProvider.System);
        builder.AddDocumentStore(ServiceName);
        services.AddEventDeduplication();
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
        services.AddScoped<NotificationHandler>();
        return builder;
    }

    /// <summary>The local queue: the worker over the shared in-process queue, dead letters under the data folder.</summary>
    public static IHostApplicationBuilder AddInProcessNotificationQueue(this IHostApplicationBuilder builder)
    {
        var dataPath = builder.Configuration["Data:Path"] ?? ".data";
        builder.Services.AddSingleton(new LocalDeadLetterStore(Path.Combine(dataPath, ServiceName, "dead-letter")));
        builder.Services.AddHostedService<InProcessNotificationWorker>();
        return builder;
    }
}
