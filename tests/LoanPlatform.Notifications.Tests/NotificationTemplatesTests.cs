using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Notifications.Model;
using LoanPlatform.Notifications.Templates;

namespace LoanPlatform.Notifications.Tests;

/// <summary>Every event the customer should hear of has a text in both languages that fills from the event's own payload.</summary>
public sealed class NotificationTemplatesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly NotificationTemplates _templates = new();

    public static TheoryData<string, object> Events() => new()
    {
        { "UserRegistered", new { userId = "u1", language = "id", registeredAt = Now } },
        { "LoanApproved", new { loanId = "loan-1", applicantId = "u1", approvedAmount = 10_000_000, tenorMonths = 12, monthlyInstallment = 898_000, firstDueDate = "2026-12-25" } },
        { "LoanRejected", new { loanId = "loan-1", applicantId = "u1", amount = 10_000_000 } },
        { "LoanCancelled", new { loanId = "loan-1", applicantId = "u1", product = "cash-loan", amount = 10_000_000, closedAt = Now } },
        { "LoanExpired", new { loanId = "loan-1", applicantId = "u1", product = "cash-loan", amount = 10_000_000, closedAt = Now } },
        { "LoanReferredToApplicant", new { loanId = "loan-1", applicantId = "u1", respondBy = Now.AddHours(72), referredAt = Now } },
        { "DocumentRejected", new { userId = "u1", documentId = "d1", kind = "Ktp", rejectedAt = Now } },
        { "KycVerified", new { userId = "u1", verifiedAt = Now, documentIds = new[] { "d1", "d2" } } },
        { "KycRejected", new { userId = "u1", reasons = new[] { "face-mismatch" }, rejectedAt = Now } },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_renders_fully_in_Bahasa_Indonesia_and_English(string type, object payload)
    {
        var outboxEvent = OutboxEvent.Create(type, 1, "subject", payload, Now);
        Assert.True(_templates.Handles(type));

        foreach (var language in new[] { "id", "en" })
        {
            var contact = Contact(language, quietHoursZone: null);
            var email = _templates.RenderEmail(outboxEvent, contact);
            var push = _templates.RenderPush(outboxEvent, contact);

            Assert.Equal(language, email.Language);
            Assert.DoesNotContain("{", email.Subject + email.Body + push.Title + push.Body, StringComparison.Ordinal);
            Assert.Contains("Siti", email.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Rp", push.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_two_languages_say_different_things()
    {
        var referral = OutboxEvent.Create("LoanReferredToApplicant", 1, "loan-1", new { loanId = "loan-1", applicantId = "u1", respondBy = Now, referredAt = Now }, Now);

        Assert.NotEqual(
            _templates.RenderEmail(referral, Contact("id", null)).Subject,
            _templates.RenderEmail(referral, Contact("en", null)).Subject);
    }

    [Theory]
    [InlineData(null, "2026-11-28 10:00 WIB")]
    [InlineData("Asia/Makassar", "2026-11-28 11:00 WITA")]
    [InlineData("Asia/Jayapura", "2026-11-28 12:00 WIT")]
    public void A_referrals_deadline_reads_in_the_customers_time_zone(string? zone, string expected)
    {
        var referral = OutboxEvent.Create("LoanReferredToApplicant", 1, "loan-1",
            new { loanId = "loan-1", applicantId = "u1", respondBy = Now.AddHours(72), referredAt = Now }, Now);

        var email = _templates.RenderEmail(referral, Contact("en", zone));

        Assert.Contains($"answer by {expected}", email.Body, StringComparison.Ordinal);
    }

    private static NotificationContact Contact(string language, string? quietHoursZone) => new(
        "u1", "siti@example.com", language, "Siti",
        new NotificationPreferences(true, true, quietHoursZone is null ? null : new QuietHours("21:00", "07:00", quietHoursZone)), []);
}
