using System.Text;
using LoanPlatform.Auth.Apis;
using LoanPlatform.Auth.Model;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Outbox.Local;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.ServiceDefaults;
using LoanPlatform.Gateway;
using LoanPlatform.Loans.Apis;
using LoanPlatform.Loans.Model;
using LoanPlatform.Loans.Orchestrations;
using LoanPlatform.Loans.Services;
using LoanPlatform.LocalHost.Durable;
using LoanPlatform.LocalHost.Services;
using LoanPlatform.LocalHost.Staff;
using LoanPlatform.Users.Apis;
using LoanPlatform.Users.Model;
using LoanPlatform.Auth.Extensions;
using LoanPlatform.Loans.Extensions;
using LoanPlatform.Notifications.Extensions;
using LoanPlatform.Notifications.Push;
using LoanPlatform.Users.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Yarp.ReverseProxy.Forwarder;
using AuthExtensions = LoanPlatform.Auth.Extensions.Extensions;
using LoansExtensions = LoanPlatform.Loans.Extensions.Extensions;
using NotificationsExtensions = LoanPlatform.Notifications.Extensions.Extensions;
using UsersExtensions = LoanPlatform.Users.Extensions.Extensions;

namespace LoanPlatform.LocalHost;

/// <summary>
/// Starts the services in dependency order, one <see cref="LocalService"/> description each (Auth, Users, Notifications,
/// Loans with its engine), then the gateway last (so nothing is reachable before open loans are re-hydrated), and stops
/// them in reverse. The services publish events to one
/// in-process queue (the notifications Storage queue's stand-in) and one local event log (the Service Bus topic's).
/// </summary>
public sealed class LocalPlatform : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _stopOrder = [];

    private LocalPlatform(LocalPlatformSettings settings) => Settings = settings;

    public LocalPlatformSettings Settings { get; }

    public string GatewayUrl { get; private set; } = "";

    public IReadOnlyDictionary<string, string> ServiceUrls { get; private set; } = new Dictionary<string, string>();

    /// <summary>Each service's container, by gateway route name; tests read the endpoints the local host maps from it.</summary>
    public IReadOnlyDictionary<string, IServiceProvider> ServiceProviders { get; private set; } = new Dictionary<string, IServiceProvider>();

    public int RehydratedLoans { get; private set; }

    /// <summary>The local stand-in for the integration-events topic.</summary>
    public LocalEventLog EventLog { get; private set; } = null!;

    public DurableBackend DurableBackend { get; private set; }

    public static async Task<LocalPlatform> StartAsync(LocalPlatformSettings settings, CancellationToken cancellationToken = default)
    {
        var platform = new LocalPlatform(settings);
        try
        {
            await platform.StartServicesAsync(cancellationToken);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    private async Task StartServicesAsync(CancellationToken cancellationToken)
    {
        // Databases with NIKs, KTP images, emails and keys: readable by this user only.
        PrivateFiles.CreateFolder(Settings.DataPath);
        var notificationQueue = new InProcessEventQueue(Path.Combine(Settings.DataPath, NotificationsExtensions.ServiceName, "queue"));
        // Its files are let go of last, once every service that publishes to it or consumes it has stopped.
        _stopOrder.Add(new StopStep(() =>
        {
            notificationQueue.Dispose();
            return Task.CompletedTask;
        }));
        EventLog = new LocalEventLog(Path.Combine(Settings.DataPath, "events", "platform-events.jsonl"));
        void PublishEvents(IServiceCollection services)
        {
            services.AddSingleton(EventLog);
            services.AddSingleton<IOutboxPublisher>(notificationQueue);
        }
        var keys = Path.Combine(Settings.DataPath, "keys");
        var serviceKeys = Path.Combine(keys, "services");
        var issuer = Settings.GatewayUrl + "/auth";

        Dictionary<string, string?> Common(string service) => new()
        {
            ["Data:Path"] = Settings.DataPath,
            ["Jwt:Issuer"] = issuer,
            ["ServiceIdentity:Mode"] = "Local",
            ["ServiceIdentity:KeyFolder"] = serviceKeys,
            ["ServiceIdentity:ServiceName"] = service,
            // As in Azure: public requests only through the gateway, which proves itself on each (X-Gateway-Authorization).
            [$"{GatewayProof.SectionName}:Required"] = "true",
        };

        // A browser subscribes with the public VAPID key Users hands out; Notifications signs with the private one. A pair
        // the developer configured (to push to a real browser) wins over the generated one.
        var vapid = string.IsNullOrEmpty(Settings.Configuration["Push:Vapid:PrivateKey"])
            ? VapidKeyPair.From(EcdsaKeyFile.LoadOrCreate(Path.Combine(keys, "vapid.pem")))
            : new VapidKeyPair(Settings.Configuration["Push:Vapid:PublicKey"]!, Settings.Configuration["Push:Vapid:PrivateKey"]!);
        var urls = new Dictionary<string, string>();
        var inProcessServices = new InProcessServices();
        var providers = new Dictionary<string, IServiceProvider>();
        string Metadata() => urls[AuthExtensions.ServiceName] + "/auth/.well-known/openid-configuration";
        InProcessDurableEngine? engine = null;

        // In dependency order: Auth first (the others validate tokens against its OpenID configuration), Loans last.
        LocalService[] services =
        [
            new(AuthExtensions.ServiceName,
                Configure: config => config["Auth:SigningKey:Folder"] = Path.Combine(keys, "token-signing"),
                AddAsync: builder =>
                {
                    PublishEvents(builder.Services);
                    builder.AddAuthServices();
                    builder.Services.AddOutboxSweeperService<Credential>();
                    builder.Services.AddOutboxSweeperService<RefreshSession>();
                    return Task.CompletedTask;
                },
                Map: app =>
                {
                    app.MapAuthApi();
                    app.MapAuthInternalApi();
                    app.MapProblemPages();
                },
                StartedAsync: app => LocalStaffAccounts.SeedAsync(app.Services, Settings.StaffPassword, cancellationToken)),
            new(UsersExtensions.ServiceName,
                Configure: config =>
                {
                    config["Push:Vapid:PublicKey"] = vapid.PublicKey;
                    config["Jwt:MetadataAddress"] = Metadata();
                    config["Services:Auth:InternalUrl"] = urls[AuthExtensions.ServiceName];
                    config["Documents:PublicBaseUrl"] = Settings.GatewayUrl;
                },
                AddAsync: builder =>
                {
                    PublishEvents(builder.Services);
                    builder.AddUsersServices();
                    builder.Services.AddOutboxSweeperService<UserProfile>();
                    builder.Services.AddOutboxSweeperService<UserDocument>();
                    builder.Services.AddOutboxSweeperService<PushDevice>();
                    builder.Services.AddOutboxSweeperService<ErasureRecord>();
                    builder.Services.AddOutboxSweeperService<StaffPerson>();
                    builder.Services.AddOutboxSweeperService<PendingRegistration>();
                    return Task.CompletedTask;
                },
                Map: app =>
                {
                    app.MapUsersApi();
                    app.MapUsersInternalApi();
                },
                StartedAsync: app => LocalStaffAccounts.SeedPeopleAsync(app.Services, cancellationToken)),
            new(NotificationsExtensions.ServiceName,
                Configure: config =>
                {
                    config["Jwt:MetadataAddress"] = Metadata();
                    config["Services:Users:InternalUrl"] = urls[UsersExtensions.ServiceName];
                    config["Push:Vapid:PublicKey"] = vapid.PublicKey;
                    config["Push:Vapid:PrivateKey"] = vapid.PrivateKey;
                    // One process delivers locally, so after a restart an unfinished claim is always a crashed delivery's:
                    // taken over within the worker's retries rather than after minutes (a local delivery takes milliseconds).
                    config["Outbox:ClaimLease"] = Settings.Configuration["Outbox:ClaimLease"] ?? "00:00:10";
                },
                AddAsync: builder =>
                {
                    builder.Services.AddSingleton(notificationQueue);
                    builder.AddNotificationsServices();
                    builder.AddInProcessNotificationQueue();
                    // The checkpoint writer runs in another service than the trail's writer, as in Azure, where it has an
                    // identity of its own.
                    builder.Services.AddAuditCheckpointWriter();
                    builder.Services.AddHostedService<AuditCheckpointService>();
                    return Task.CompletedTask;
                },
                Map: _ => { }),
            new(LoansExtensions.ServiceName,
                Configure: config =>
                {
                    config["Jwt:MetadataAddress"] = Metadata();
                    config["Services:Users:InternalUrl"] = urls[UsersExtensions.ServiceName];
                },
                AddAsync: AddLoansAsync,
                Map: app =>
                {
                    app.MapLoansApi();
                    app.MapAuditApi();
                    app.MapAuditInternalApi();
                },
                StartedAsync: StartedLoansAsync),
        ];

        async Task AddLoansAsync(WebApplicationBuilder builder)
        {
            var durable = Settings.Configuration.GetSection(DurableEngineOptions.SectionName).Get<DurableEngineOptions>() ?? new DurableEngineOptions();
            DurableBackend = durable.Backend;
            engine = await InProcessDurableEngine.StartAsync(durable, providers[AuthExtensions.ServiceName].GetRequiredService<ILoggerFactory>(), cancellationToken);
            PublishEvents(builder.Services);
            builder.AddLoansServices();
            builder.Services.AddOutboxSweeperService<LoanApplication>();
            builder.Services.AddDurableTaskWorker(worker => worker.UseGrpc(engine.Channel).AddTasks(Settings.DurableTasks)
                // As host.json tells the Functions host: run instances of this version or older, leave newer ones waiting.
                .UseVersioning(new DurableTaskWorkerOptions.VersioningOptions
                {
                    Version = LoanApprovalOrchestration.Version,
                    DefaultVersion = LoanApprovalOrchestration.Version,
                    MatchStrategy = DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder,
                    FailureStrategy = DurableTaskWorkerOptions.VersionFailureStrategy.Reject,
                }));
            builder.Services.AddDurableTaskClient(client => client.UseGrpc(engine.Channel).UseDefaultVersion(durable.DefaultVersion));
            builder.Services.AddSingleton<LoanWorkflowEngine>();
            builder.Services.AddHostedService<OrchestrationHistoryPurgeService>();
            // Stopped after the Loans app: the worker must stop before the engine's gRPC server, or its stream hangs the shutdown.
            _stopOrder.Insert(0, engine);
        }

        async Task StartedLoansAsync(WebApplication loans)
        {
            // Stopped before the Loans app (and after the gateway): the worker then stops with no work item in flight.
            var drainLogger = loans.Services.GetRequiredService<ILogger<InProcessDurableEngine>>();
            var started = engine!;
            _stopOrder.Insert(0, new StopStep(async () =>
            {
                if (!await started.DrainAsync(TimeSpan.FromSeconds(10)))
                {
                    drainLogger.LogWarning("The durable engine still had work out after 10 s; it is done again at the next start");
                }
            }));
            RehydratedLoans = await loans.Services.GetRequiredService<LoanRehydrator>()
                .RehydrateAsync(loans.Services.GetRequiredService<LoanWorkflowEngine>(), cancellationToken);
        }

        foreach (var service in services)
        {
            var config = Common(service.Name);
            service.Configure(config);
            var builder = ServiceApplication.CreateBuilder(service.Name, Settings, config, inProcessServices);
            builder.AddPlatformAuthentication();
            await service.AddAsync(builder);
            var app = builder.Build();
            app.UseServicePipeline();
            service.Map(app);
            urls[service.Name] = await StartAsync(app, cancellationToken);
            inProcessServices.Add(urls[service.Name], app.Services.GetRequiredService<InProcessServer>());
            providers[service.Name] = app.Services;
            await (service.StartedAsync?.Invoke(app) ?? Task.CompletedTask);
        }

        // The services the gateway routes to, by route name (the same names as the services').
        ServiceUrls = GatewayRoutes.Services.ToDictionary(name => name, name => urls[name]);
        ServiceProviders = providers;
        var authUrl = urls[GatewayRoutes.Auth];
        var usersUrl = urls[GatewayRoutes.Users];
        var loansUrl = urls[GatewayRoutes.Loans];
        var metadata = Metadata();

        var consoleUrl = await StartAsync(OfficerConsoleApplication.Build(Settings), cancellationToken);

        var gatewayBuilder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        gatewayBuilder.Configuration.AddConfiguration(Settings.Configuration);
        gatewayBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jwt:Issuer"] = issuer,
            ["Jwt:MetadataAddress"] = metadata,
            ["ServiceIdentity:KeyFolder"] = serviceKeys,
            ["ServiceIdentity:ServiceName"] = ServiceCallers.Gateway,
            [$"{GatewayOptions.SectionName}:Services:{GatewayRoutes.Auth}"] = authUrl,
            [$"{GatewayOptions.SectionName}:Services:{GatewayRoutes.Users}"] = usersUrl,
            [$"{GatewayOptions.SectionName}:Services:{GatewayRoutes.Loans}"] = loansUrl,
            [$"{GatewayOptions.SectionName}:Services:{GatewayRoutes.Console}"] = consoleUrl,
        });
        gatewayBuilder.WebHost.UseUrls(Settings.GatewayUrl);
        gatewayBuilder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        gatewayBuilder.AddServiceDefaults("gateway");
        gatewayBuilder.AddPlatformGateway();
        // The services share this process: the gateway reaches them in memory (the console, with its WebSockets, over the network).
        gatewayBuilder.Services.AddSingleton(inProcessServices);
        gatewayBuilder.Services.AddSingleton<IForwarderHttpClientFactory, InProcessForwarderHttpClientFactory>();
        // The gateway hands each request's record to a spool file that is drained into the Loans service's trail (in Azure,
        // API Management puts it on the Loans app's audit queue).
        gatewayBuilder.Services.AddSingleton(providers[GatewayRoutes.Loans].GetRequiredService<AuditTrail>());
        gatewayBuilder.Services.AddAuditSpool(Settings.DataPath);
        var gateway = gatewayBuilder.Build();
        // Off only to measure what auditing costs (bench/LoanPlatform.AuditLoadTest); requests are audited otherwise.
        if (Settings.Configuration.GetValue("Gateway:AuditRequests", defaultValue: true))
        {
            gateway.UseGatewayAudit();
        }

        gateway.UseGatewayCors();
        gateway.UsePlatformDefaults();
        gateway.MapPlatformGateway();
        GatewayUrl = (await StartAsync(gateway, cancellationToken)).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
    }

    private async Task<string> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        _stopOrder.Insert(0, app);
        return app.Urls.First().TrimEnd('/');
    }

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("LoanPlatform is running locally.");
        text.AppendLine($"  Gateway:      {GatewayUrl}");
        text.AppendLine($"  API docs:     {GatewayUrl}/docs");
        text.AppendLine($"  Console:      {GatewayUrl}{GatewayRoutes.ConsolePath}/ (staff sign in with the accounts below)");
        text.AppendLine($"  Health:       {GatewayUrl}/health/ready");
        text.AppendLine($"  Data folder:  {Settings.DataPath}");
        text.AppendLine($"  Durable:      {DurableBackend} backend; re-hydrated {RehydratedLoans} open loan(s)");
        text.AppendLine("  Staff accounts (local only):");
        foreach (var account in LocalStaffAccounts.All)
        {
            text.AppendLine($"    {account.Email,-24} {account.Role}");
        }

        text.AppendLine(Settings.StaffPasswordGenerated
            ? $"  Staff password (generated; set LOCAL_STAFF_PASSWORD to choose one): {Settings.StaffPassword}"
            : "  Staff password: the value of LOCAL_STAFF_PASSWORD");
        text.AppendLine("Press Ctrl+C to stop.");
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var part in _stopOrder.ToArray())
        {
            if (part is WebApplication app)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await app.StopAsync(timeout.Token);
            }

            await part.DisposeAsync();
        }

        _stopOrder.Clear();
    }
}
