using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Notifications.Email;
using LoanPlatform.Notifications.Extensions;
using LoanPlatform.Notifications.Model;
using LoanPlatform.Notifications.Services;
using LoanPlatform.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace LoanPlatform.Notifications.Tests;

/// <summary>
/// An email through a real SMTP server (the capture stand-in) when the process dies at each point of its send, then the
/// event is delivered again after the claim lease. The death is an <see cref="OperationCanceledException"/> thrown at that
/// point: the handler leaves its claim as a killed process would, instead of releasing it as after a failure. SMTP drops
/// no repeat, so a send the server may have taken is never made again: the customer gets the email once, or, if the
/// process died in the instant between the hand-over mark and the end of data, not at all and it is reported.
/// </summary>
public sealed class SmtpDeliveryAfterCrashTests(SmtpCaptureFixture smtp) : IClassFixture<SmtpCaptureFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly string _data = Path.Combine(Path.GetTempPath(), "smtp-crash-tests-" + Guid.NewGuid().ToString("N"));
    private FakeUsersContacts _users = null!;
    private IHost _host = null!;
    private CrashPoint _dieAt;

    private enum CrashPoint
    {
        Nowhere,
        BeforeHandingOver,
        BetweenHandOverAndEndOfData,
        AfterTheServerTookIt,
    }

    public async Task InitializeAsync()
    {
        _users = await FakeUsersContacts.StartAsync();
        _users.Set(new NotificationContact("customer-1", "siti@example.com", "id", "Siti", new NotificationPreferences(Email: true, Push: false, QuietHours: null), []));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Path"] = _data,
            ["Services:Users:InternalUrl"] = _users.Url,
            ["ServiceIdentity:Mode"] = "Local",
            ["ServiceIdentity:KeyFolder"] = Path.Combine(_data, "keys"),
            ["ServiceIdentity:ServiceName"] = "notifications",
            ["Push:Provider"] = "Disabled",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:RequireTls"] = "false",
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton(_ => new BuildingBlocks.Outbox.Local.InProcessEventQueue(Path.Combine(_data, "notifications", "queue")));
        builder.Services.AddAuthentication().AddServiceIdentityBearer(builder.Configuration);
        builder.AddNotificationsServices();
        var real = builder.Services.Single(service => service.ServiceType == typeof(IEmailSender));
        builder.Services.Remove(real);
        builder.Services.AddSingleton<IEmailSender>(provider => new DyingSender(() => _dieAt, (IEmailSender)real.ImplementationFactory!(provider)));
        _host = builder.Build();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _users.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Killed_after_the_server_took_the_message_it_is_not_sent_again_and_the_delivery_is_recorded_as_in_doubt()
    {
        var approved = Approved();
        _dieAt = CrashPoint.AfterTheServerTookIt;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HandleAsync(approved));
        Assert.Equal(1, await CapturedAsync(approved));

        _dieAt = CrashPoint.Nowhere;
        _time.Advance(TimeSpan.FromMinutes(6));
        await HandleAsync(approved);
        await HandleAsync(approved);

        Assert.Equal(1, await CapturedAsync(approved));
        var record = (await RecordOfAsync(approved))!;
        Assert.NotNull(record.HandedOverAt);
        Assert.NotNull(record.CompletedAt);
    }

    [Fact]
    public async Task Killed_before_the_hand_over_it_is_sent_after_the_claim_lease_once()
    {
        var approved = Approved();
        _dieAt = CrashPoint.BeforeHandingOver;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HandleAsync(approved));
        Assert.Null((await RecordOfAsync(approved))!.HandedOverAt);

        _dieAt = CrashPoint.Nowhere;
        await Assert.ThrowsAsync<InvalidOperationException>(() => HandleAsync(approved)); // the dead delivery's claim still holds
        _time.Advance(TimeSpan.FromMinutes(6));
        await HandleAsync(approved);
        await HandleAsync(approved);

        Assert.Equal(1, await CapturedAsync(approved));
    }

    [Fact]
    public async Task Killed_between_the_hand_over_mark_and_the_end_of_data_the_server_has_nothing_and_the_email_is_not_sent_again()
    {
        // The price of never sending twice: this instant (one store write's return and MailKit's final flush) loses the email.
        var approved = Approved();
        _dieAt = CrashPoint.BetweenHandOverAndEndOfData;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HandleAsync(approved));

        _dieAt = CrashPoint.Nowhere;
        _time.Advance(TimeSpan.FromMinutes(6));
        await HandleAsync(approved);

        Assert.Equal(0, await CapturedAsync(approved));
        Assert.NotNull((await RecordOfAsync(approved))!.HandedOverAt);
    }

    [Fact]
    public async Task Without_a_crash_the_hand_over_is_marked_before_the_server_answers_and_the_email_goes_once()
    {
        var approved = Approved();

        await HandleAsync(approved);
        await HandleAsync(approved);

        Assert.Equal(1, await CapturedAsync(approved));
        var record = (await RecordOfAsync(approved))!;
        Assert.True(record.HandedOverAt <= record.CompletedAt);
    }

    private async Task HandleAsync(OutboxEvent outboxEvent)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationHandler>().HandleAsync(outboxEvent, default);
    }

    private async Task<ProcessedEvent?> RecordOfAsync(OutboxEvent outboxEvent) =>
        (await _host.Services.GetRequiredService<IDocumentStore<ProcessedEvent>>().FindAsync(NotificationHandler.EmailConsumer, outboxEvent.EventId))?.Value;

    /// <summary>How many messages with this event's Message-ID the SMTP server received in full.</summary>
    private async Task<int> CapturedAsync(OutboxEvent outboxEvent)
    {
        var count = 0;
        foreach (var file in Directory.Exists(smtp.Folder) ? Directory.EnumerateFiles(smtp.Folder, "*.eml") : [])
        {
            if ((await MimeMessage.LoadAsync(file)).MessageId == $"{outboxEvent.EventId}@loanplatform")
            {
                count++;
            }
        }

        return count;
    }

    private OutboxEvent Approved() => OutboxEvent.Create("LoanApproved", 1, "loans/loan-1", new
    {
        loanId = "loan-1",
        applicantId = "customer-1",
        approvedAmount = 10_000_000,
        tenorMonths = 12,
        monthlyInstallment = 898_000,
        firstDueDate = "2026-12-25",
    }, _time.GetUtcNow());

    /// <summary>The real sender, with the process "killed" at the chosen point of its send.</summary>
    private sealed class DyingSender(Func<CrashPoint> dieAt, IEmailSender inner) : IEmailSender
    {
        public bool DropsRepeats => inner.DropsRepeats;

        public async Task SendAsync(EmailMessage message, Func<CancellationToken, Task> handingOver, CancellationToken cancellationToken)
        {
            if (dieAt() == CrashPoint.BeforeHandingOver)
            {
                throw new OperationCanceledException("Killed before the hand-over.");
            }

            await inner.SendAsync(message, async token =>
            {
                await handingOver(token);
                if (dieAt() == CrashPoint.BetweenHandOverAndEndOfData)
                {
                    throw new OperationCanceledException("Killed after the hand-over mark, before the end of data.");
                }
            }, cancellationToken);
            if (dieAt() == CrashPoint.AfterTheServerTookIt)
            {
                throw new OperationCanceledException("Killed after the server took the message.");
            }
        }
    }
}
