using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Outbox.Local;
using LoanPlatform.Testing;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Services;
using Microsoft.Extensions.DependencyInjection;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>
/// Every state change the service commits leaves one audit record in the trail (locally the shared trail file), naming
/// the change, the resource, who made it and in which role, and no personal data.
/// </summary>
public sealed class ChangeAuditTests(UsersHost host) : IClassFixture<UsersHost>
{
    private AuditTrail Trail => host.GetRequiredService<AuditTrail>();

    [Fact]
    public async Task A_customers_own_changes_are_each_recorded_once_as_made_by_them_without_personal_data()
    {
        var registration = UsersHost.NewRegistration();
        using var registered = await host.RegisterAsync(registration);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var userId = (await registered.Content.ReadFromJsonAsync<UsersHost.RegisterResult>())!.UserId;
        using var client = host.ClientFor(userId);

        using var read = await client.GetAsync("/users/me");
        using var patched = await client.SendAsync(ProfileTests.Patch(read.Headers.ETag!.Tag, new { fullName = "Siti Rahayu Putri", language = "en" }));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        // The ETag answered is current although publishing the event rewrote the profile.
        using var preferences = await client.SendAsync(NotificationPreferencesTests.Put(patched.Headers.ETag!.Tag, new { email = true, push = false }));
        Assert.Equal(HttpStatusCode.OK, preferences.StatusCode);

        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        (await host.UploadAsync(upload, SampleImages.Jpeg)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/users/me/documents/{documentId}/complete", null)).EnsureSuccessStatusCode();

        var endpoint = PushSubscriptions.NewEndpoint();
        var deviceId = PushDeviceIds.OfEndpoint(endpoint);
        (await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoint))).EnsureSuccessStatusCode();
        using var removed = await client.DeleteAsync($"/users/me/devices/{deviceId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        var records = await RecordsOfAsync(userId);
        var document = $"/users/{userId}/documents/{documentId}";
        var device = $"/users/{userId}/devices/{deviceId}";
        Assert.Equal(
            [
                ("UserRegistered", $"/users/{userId}"),
                ("ProfileUpdated", $"/users/{userId}"),
                ("NotificationPreferencesChanged", $"/users/{userId}"),
                ("DocumentRequested", document),
                ("DocumentVerified", document),
                ("KtpVerified", $"/users/{userId}"),
                ("PushDeviceRegistered", device),
                ("PushDeviceRemoved", device),
            ],
            records.Select(r => (r.Action, r.Resource)));
        Assert.All(records, r =>
        {
            Assert.Equal(userId, r.Actor);
            Assert.Equal("Customer", r.Role);
            Assert.Equal("success", r.Outcome);
            Assert.Null(r.StatusCode);
            Assert.NotNull(r.SourceEventId);
        });
        AssertNoPersonalData(records, registration, "Siti Rahayu Putri");
    }

    [Fact]
    public async Task A_change_that_changes_nothing_records_nothing()
    {
        var (userId, client) = await host.NewCustomerAsync();
        using var read = await client.GetAsync("/users/me");

        using var patched = await client.SendAsync(ProfileTests.Patch(read.Headers.ETag!.Tag, new { language = "id" }));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.DoesNotContain(await RecordsOfAsync(userId), r => r.Action == "ProfileUpdated");
    }

    [Fact]
    public async Task A_KTP_completed_by_the_blob_trigger_is_recorded_as_the_triggers_doing()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        (await host.UploadAsync(upload, SampleImages.Jpeg)).EnsureSuccessStatusCode();

        await DocumentUploadedFunctionTests.RunTriggerAsync(host, userId, documentId);
        await DocumentUploadedFunctionTests.RunTriggerAsync(host, userId, documentId);

        var records = await RecordsOfAsync(userId);
        var verified = Assert.Single(records, r => r.Action == "DocumentVerified");
        var ktp = Assert.Single(records, r => r.Action == "KtpVerified");
        foreach (var record in new[] { verified, ktp })
        {
            Assert.Equal("system:blob-trigger", record.Actor);
            Assert.Equal("System", record.Role);
        }

        Assert.Equal($"/users/{userId}/documents/{documentId}", verified.Resource);
        Assert.Equal($"/users/{userId}", ktp.Resource);
        Assert.Equal(userId, Assert.Single(records, r => r.Action == "DocumentRequested").Actor);
    }

    [Fact]
    public async Task A_rejected_document_is_recorded_once()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "selfie", SampleImages.Jpeg);
        var altered = SampleImages.Jpeg;
        altered[^3] ^= 0x55;
        (await host.UploadAsync(upload, altered)).EnsureSuccessStatusCode();

        using var complete = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);
        using var again = await client.PostAsync($"/users/me/documents/{documentId}/complete", null);

        Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
        var rejected = Assert.Single(await RecordsOfAsync(userId), r => r.Action == "DocumentRejected");
        Assert.Equal($"/users/{userId}/documents/{documentId}", rejected.Resource);
        Assert.Equal(userId, rejected.Actor);
    }

    [Fact]
    public async Task A_device_taken_over_on_a_shared_browser_or_expired_for_Notifications_is_recorded_as_their_removal()
    {
        var (first, firstClient) = await host.NewCustomerAsync();
        var (second, secondClient) = await host.NewCustomerAsync();
        var shared = PushSubscriptions.NewEndpoint();
        var sharedId = PushDeviceIds.OfEndpoint(shared);
        (await firstClient.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(shared))).EnsureSuccessStatusCode();
        (await secondClient.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(shared))).EnsureSuccessStatusCode();

        var takenOver = Assert.Single(await RecordsOfAsync(first), r => r.Action == "PushDeviceRemoved");
        Assert.Equal($"/users/{first}/devices/{sharedId}", takenOver.Resource);
        Assert.Equal(second, takenOver.Actor);
        Assert.Equal("Customer", takenOver.Role);

        using var service = await host.ServiceClientAsync("notifications");
        Assert.Equal(HttpStatusCode.NoContent, (await service.DeleteAsync($"/internal/users/{second}/devices/{sharedId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await service.DeleteAsync($"/internal/users/{second}/devices/{sharedId}")).StatusCode);

        var expired = Assert.Single(await RecordsOfAsync(second), r => r.Action == "PushDeviceRemoved" && r.Resource.StartsWith($"/users/{second}/", StringComparison.Ordinal));
        Assert.Equal($"/users/{second}/devices/{sharedId}", expired.Resource);
        Assert.Equal("notifications", expired.Actor);
        Assert.Equal("Service", expired.Role);
    }

    [Fact]
    public async Task An_erasure_is_recorded_under_the_subject_hash_alone()
    {
        var registration = UsersHost.NewRegistration();
        using var registered = await host.RegisterAsync(registration);
        var userId = (await registered.Content.ReadFromJsonAsync<UsersHost.RegisterResult>())!.UserId;
        using var client = host.ClientFor(userId);
        using var read = await client.GetAsync("/users/me");

        using var erase = new HttpRequestMessage(HttpMethod.Delete, "/users/me");
        erase.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        using var erased = await client.SendAsync(erase);
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        var subjectHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
        var record = Assert.Single(await RecordsOfAsync(subjectHash));
        Assert.Equal("UserErased", record.Action);
        Assert.Equal($"/users/{subjectHash}", record.Resource);
        Assert.Equal(subjectHash, record.Actor);
        Assert.Equal("Customer", record.Role);
        Assert.DoesNotContain(userId, JsonSerializer.Serialize(record), StringComparison.Ordinal);
        AssertNoPersonalData([record], registration);
    }

    [Fact]
    public async Task A_redelivered_event_does_not_add_a_second_record()
    {
        var (userId, _) = await host.NewCustomerAsync();
        var registered = (await host.GetRequiredService<LocalEventLog>().ReadAllAsync()).Single(e => e.Type == "UserRegistered" && e.Subject == userId);
        var audit = host.Services.GetServices<IOutboxPublisher>().OfType<AuditChangePublisher>().Single();

        await audit.PublishAsync(registered, CancellationToken.None);
        await audit.PublishAsync(registered, CancellationToken.None);

        var record = Assert.Single(await RecordsOfAsync(userId));
        Assert.Equal(registered.EventId, record.SourceEventId);
        Assert.True((await Trail.VerifyAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(5))).Valid);
    }

    private async Task<IReadOnlyList<AuditRecord>> RecordsOfAsync(string subject) =>
        (await Trail.SearchAsync(subject, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(5), 100, null)).Items;

    private static void AssertNoPersonalData(IEnumerable<AuditRecord> records, Dictionary<string, object?> registration, params string[] more)
    {
        var text = JsonSerializer.Serialize(records);
        var phone = (string)registration["phone"]!;
        // The phone is kept as +62…, so its national digits are what could leak.
        foreach (var value in new[] { (string)registration["nik"]!, (string)registration["email"]!, phone[1..], (string)registration["fullName"]! }.Concat(more))
        {
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
