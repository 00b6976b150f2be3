using System.Text.Json;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Outbox.Local;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Notifications.Extensions;
using LoanPlatform.Notifications.Model;
using LoanPlatform.Notifications.Push;
using LoanPlatform.Notifications.Scheduling;
using LoanPlatform.Notifications.Services;
using LoanPlatform.Testing.Fcm;
using LoanPlatform.Testing.WebPush;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LoanPlatform.Notifications.Tests;

/// <summary>
/// The handler with the service's real wiring (embedded store, templates, .eml and push outboxes, Web Push against the
/// loopback push service, FCM against its loopback stand-in): which channels a user's preferences pick, which sender each
/// device type goes through, quiet hours, gone devices and partial retries.
/// </summary>
public sealed class NotificationChannelTests : IAsyncLifetime
{
    // 10:00 WIB: outside usual quiet hours.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly string _data = Path.Combine(Path.GetTempPath(), "notifications-tests-" + Guid.NewGuid().ToString("N"));
    private InProcessEventQueue _queue = null!;
    private FakeUsersContacts _users = null!;
    private PushServiceStandIn _pushService = null!;
    private FcmStandIn _fcm = null!;
    private IHost _host = null!;

    private string EmailOutbox => Path.Combine(_data, "notifications", "outbox");

    private string PushOutbox => Path.Combine(_data, "notifications", "push-outbox");

    public async Task InitializeAsync()
    {
        _queue = new InProcessEventQueue(Path.Combine(_data, "notifications", "queue"));
        _users = await FakeUsersContacts.StartAsync();
        _pushService = await PushServiceStandIn.StartAsync();
        _fcm = await FcmStandIn.StartAsync();
        _fcm.Time = _time;
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        _queue.Dispose();
        await _users.DisposeAsync();
        await _pushService.DisposeAsync();
        await _fcm.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task By_default_the_customer_gets_the_email_and_a_push_on_each_device_without_the_amount()
    {
        Start(PushProvider.Local);
        var approved = Approved(Customer(NotificationPreferences.Default, Device("phone"), Device("laptop")));

        await HandleAsync(approved);

        Assert.True(File.Exists(Path.Combine(EmailOutbox, $"{approved.EventId}.eml")));
        foreach (var device in new[] { "phone", "laptop" })
        {
            var push = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(PushOutbox, $"{approved.EventId}-{device}.json"))).RootElement.GetProperty("payload");
            Assert.Equal("Pinjaman Anda disetujui", push.GetProperty("title").GetString());
            Assert.Equal($"/loans/{LoanId}", push.GetProperty("path").GetString());
            Assert.DoesNotContain("Rp", push.GetProperty("body").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_email_turned_off_only_the_push_goes_out()
    {
        Start(PushProvider.Local);
        var approved = Approved(Customer(new NotificationPreferences(Email: false, Push: true, QuietHours: null), Device("phone")));

        await HandleAsync(approved);

        Assert.False(File.Exists(Path.Combine(EmailOutbox, $"{approved.EventId}.eml")));
        Assert.True(File.Exists(Path.Combine(PushOutbox, $"{approved.EventId}-phone.json")));
    }

    [Fact]
    public async Task With_push_chosen_but_no_device_registered_email_stands_in_so_the_decision_still_reaches_the_customer()
    {
        Start(PushProvider.Local);
        var approved = Approved(Customer(new NotificationPreferences(Email: false, Push: true, QuietHours: null)));

        await HandleAsync(approved);

        Assert.True(File.Exists(Path.Combine(EmailOutbox, $"{approved.EventId}.eml")));
    }

    [Fact]
    public async Task With_push_disabled_in_the_deployment_email_stands_in_for_a_push_only_customer()
    {
        Start(PushProvider.Disabled);
        var approved = Approved(Customer(new NotificationPreferences(Email: false, Push: true, QuietHours: null), Device("phone")));

        await HandleAsync(approved);

        Assert.True(File.Exists(Path.Combine(EmailOutbox, $"{approved.EventId}.eml")));
        Assert.False(Directory.Exists(PushOutbox));
    }

    [Fact]
    public async Task The_local_release_loop_puts_a_held_push_back_on_the_queue_once_it_is_due()
    {
        Start(PushProvider.Local);
        _time.SetUtcNow(DateTimeOffset.Parse("2026-11-25T16:30:00Z", System.Globalization.CultureInfo.InvariantCulture)); // 23:30 WIB
        var approved = Approved(Customer(new NotificationPreferences(true, true, new QuietHours("21:00", "07:00", "Asia/Jakarta")), Device("phone")));
        await HandleAsync(approved);
        using var loop = new ScheduledPushReleaseService(
            _host.Services.GetRequiredService<IServiceScopeFactory>(),
            Microsoft.Extensions.Options.Options.Create(new ScheduledPushOptions { ReleaseInterval = TimeSpan.FromMinutes(1) }),
            _time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ScheduledPushReleaseService>.Instance);
        await loop.StartAsync(default);

        // Its first round runs at once, before the push is due; then only the clock moves it on.
        await Task.Delay(200);
        Assert.False(_queue.Reader.TryRead(out _));
        _time.SetUtcNow(DateTimeOffset.Parse("2026-11-26T00:00:30Z", System.Globalization.CultureInfo.InvariantCulture)); // 07:00:30 WIB
        _time.Advance(TimeSpan.FromMinutes(1));

        var released = await _queue.Reader.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Equal(approved.EventId, released.EventId);
        await loop.StopAsync(default);
    }

    [Fact]
    public async Task In_quiet_hours_the_email_goes_at_once_and_the_push_waits_for_the_morning_then_goes_once()
    {
        Start(PushProvider.Local);
        _time.SetUtcNow(DateTimeOffset.Parse("2026-11-25T16:30:00Z", System.Globalization.CultureInfo.InvariantCulture)); // 23:30 WIB
        var approved = Approved(Customer(new NotificationPreferences(true, true, new QuietHours("21:00", "07:00", "Asia/Jakarta")), Device("phone")));
        var pushFile = Path.Combine(PushOutbox, $"{approved.EventId}-phone.json");
        var emailFile = Path.Combine(EmailOutbox, $"{approved.EventId}.eml");

        await HandleAsync(approved);
        Assert.True(File.Exists(emailFile));
        Assert.False(File.Exists(pushFile));

        var scheduled = _host.Services.GetRequiredService<ScheduledPushes>();
        _time.SetUtcNow(DateTimeOffset.Parse("2026-11-25T23:59:00Z", System.Globalization.CultureInfo.InvariantCulture)); // 06:59 WIB
        Assert.Equal(0, await scheduled.ReleaseDueAsync(default));
        _time.SetUtcNow(DateTimeOffset.Parse("2026-11-26T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)); // 07:00 WIB
        Assert.Equal(1, await scheduled.ReleaseDueAsync(default));
        Assert.True(_queue.Reader.TryRead(out var released));
        Assert.Equal(approved.EventId, released.EventId);
        Assert.Equal(0, await scheduled.ReleaseDueAsync(default));

        File.Delete(emailFile);
        await HandleAsync(released);

        Assert.True(File.Exists(pushFile));
        Assert.False(File.Exists(emailFile), "the email already went; the released event only pushes");
    }

    [Fact]
    public async Task A_device_whose_subscription_is_gone_is_forgotten_while_the_others_get_the_push()
    {
        Start(PushProvider.Remote);
        using var gone = _pushService.Subscribe();
        using var live = _pushService.Subscribe();
        _pushService.AnswerWith(gone, 410);
        var approved = Approved(Customer(NotificationPreferences.Default, Device(gone), Device(live)));

        await HandleAsync(approved);

        Assert.Equal((CustomerId, gone.Id), Assert.Single(_users.RemovedDevices));
        Assert.Equal(live.Id, Assert.Single(_pushService.Received).SubscriptionId);
    }

    [Fact]
    public async Task A_retry_after_one_device_failed_pushes_only_to_that_device()
    {
        Start(PushProvider.Remote);
        using var flaky = _pushService.Subscribe();
        using var steady = _pushService.Subscribe();
        _pushService.AnswerWith(flaky, 503);
        var approved = Approved(Customer(NotificationPreferences.Default, Device(steady), Device(flaky)));

        await Assert.ThrowsAnyAsync<Exception>(() => HandleAsync(approved));
        _pushService.AnswerNormally(flaky);
        await HandleAsync(approved);
        await HandleAsync(approved);

        Assert.Equal(1, _pushService.Received.Count(push => push.SubscriptionId == steady.Id));
        Assert.Equal(1, _pushService.Received.Count(push => push.SubscriptionId == flaky.Id));
        Assert.Empty(_pushService.Refusals);
    }

    [Fact]
    public async Task Locally_an_app_gets_its_push_in_the_outbox_like_a_browser()
    {
        Start(PushProvider.Local);
        var approved = Approved(Customer(new NotificationPreferences(Email: false, Push: true, QuietHours: null), AppDevice("android-phone", FcmStandIn.NewRegistrationToken())));

        await HandleAsync(approved);

        var entry = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(PushOutbox, $"{approved.EventId}-android-phone.json"))).RootElement;
        Assert.Equal("fcm", entry.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("endpointHost").ValueKind);
        Assert.Equal($"/loans/{LoanId}", entry.GetProperty("payload").GetProperty("path").GetString());
        Assert.False(File.Exists(Path.Combine(EmailOutbox, $"{approved.EventId}.eml")));
    }

    [Fact]
    public async Task Each_device_is_pushed_through_the_channel_of_its_type()
    {
        Start(PushProvider.Remote);
        using var browser = _pushService.Subscribe();
        var token = FcmStandIn.NewRegistrationToken();
        var approved = Approved(Customer(new NotificationPreferences(Email: false, Push: true, QuietHours: null), Device(browser), AppDevice("phone", token)));

        await HandleAsync(approved);

        Assert.Equal(browser.Id, Assert.Single(_pushService.Received).SubscriptionId);
        var app = Assert.Single(_fcm.Received);
        Assert.Equal(token, app.RegistrationToken);
        Assert.Equal("Pinjaman Anda disetujui", app.Title);
        Assert.Equal($"/loans/{LoanId}", app.Data["path"]);
        Assert.Empty(_pushService.Refusals);
        Assert.Empty(_fcm.Refusals);
        Assert.False(File.Exists(Path.Combine(EmailOutbox, $"{approved.EventId}.eml")));
    }

    [Fact]
    public async Task With_FCM_not_configured_an_app_only_customer_gets_the_email_while_a_browser_still_gets_its_push()
    {
        Start(PushProvider.Remote, fcm: false);
        var push = new NotificationPreferences(Email: false, Push: true, QuietHours: null);
        var appOnly = Approved(Customer(push, AppDevice("phone", FcmStandIn.NewRegistrationToken())));

        await HandleAsync(appOnly);

        Assert.True(File.Exists(Path.Combine(EmailOutbox, $"{appOnly.EventId}.eml")));
        Assert.Empty(_fcm.Received);

        using var browser = _pushService.Subscribe();
        var both = Approved(Customer(push, Device(browser), AppDevice("phone", FcmStandIn.NewRegistrationToken())));
        await HandleAsync(both);

        Assert.False(File.Exists(Path.Combine(EmailOutbox, $"{both.EventId}.eml")));
        Assert.Single(_pushService.Received);
        Assert.Equal(0, _fcm.TokenRequests);
    }

    [Fact]
    public async Task With_Web_Push_not_configured_a_browser_only_customer_gets_the_email()
    {
        Start(PushProvider.Remote, webPush: false);
        using var browser = _pushService.Subscribe();
        var approved = Approved(Customer(new NotificationPreferences(Email: false, Push: true, QuietHours: null), Device(browser)));

        await HandleAsync(approved);

        Assert.True(File.Exists(Path.Combine(EmailOutbox, $"{approved.EventId}.eml")));
        Assert.Empty(_pushService.Received);
    }

    [Fact]
    public async Task An_app_whose_token_FCM_reports_unregistered_is_forgotten()
    {
        Start(PushProvider.Remote);
        var token = FcmStandIn.NewRegistrationToken();
        _fcm.AnswerWith(token, 404, FcmStandIn.Error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED"));
        var approved = Approved(Customer(NotificationPreferences.Default, AppDevice("uninstalled", token)));

        await HandleAsync(approved);

        Assert.Equal((CustomerId, "uninstalled"), Assert.Single(_users.RemovedDevices));
    }

    private const string CustomerId = "customer-1";

    private const string LoanId = "loan-1";

    private void Start(PushProvider provider, bool webPush = true, bool fcm = true)
    {
        using var vapidKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var vapid = VapidKeyPair.From(vapidKey);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Path"] = _data,
            ["Services:Users:InternalUrl"] = _users.Url,
            ["ServiceIdentity:Mode"] = "Local",
            ["ServiceIdentity:KeyFolder"] = Path.Combine(_data, "keys"),
            ["ServiceIdentity:ServiceName"] = "notifications",
            ["Push:Provider"] = provider.ToString(),
            ["Push:Vapid:PublicKey"] = webPush ? vapid.PublicKey : null,
            ["Push:Vapid:PrivateKey"] = webPush ? vapid.PrivateKey : null,
            ["Push:Fcm:ProjectId"] = fcm ? FcmStandIn.ProjectId : null,
            ["Push:Fcm:ServiceAccountJson"] = fcm ? _fcm.ServiceAccountJson : null,
            ["Push:Fcm:Endpoint"] = _fcm.Origin,
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton(_queue);
        builder.Services.AddAuthentication().AddServiceIdentityBearer(builder.Configuration);
        builder.AddNotificationsServices();
        _host = builder.Build();
    }

    private async Task HandleAsync(OutboxEvent outboxEvent)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationHandler>().HandleAsync(outboxEvent, default);
    }

    private NotificationContact Customer(NotificationPreferences preferences, params PushDevice[] devices)
    {
        var contact = new NotificationContact(CustomerId, "siti@example.com", "id", "Siti", preferences, devices);
        _users.Set(contact);
        return contact;
    }

    private static PushDevice Device(string id) => new(id, $"https://fcm.googleapis.com/fcm/send/{id}", "unused-by-the-local-outbox", "unused");

    private static PushDevice Device(TestPushSubscription subscription) => new(subscription.Id, subscription.Endpoint, subscription.P256dh, subscription.Auth);

    private static PushDevice AppDevice(string id, string token) => new(id, null, null, null) { Type = PushDeviceTypes.Fcm, Token = token };

    private OutboxEvent Approved(NotificationContact contact) => OutboxEvent.Create("LoanApproved", 1, $"loans/{LoanId}", new
    {
        loanId = LoanId,
        applicantId = contact.UserId,
        approvedAmount = 10_000_000,
        tenorMonths = 12,
        monthlyInstallment = 898_000,
        firstDueDate = "2026-12-25",
    }, _time.GetUtcNow());
}
