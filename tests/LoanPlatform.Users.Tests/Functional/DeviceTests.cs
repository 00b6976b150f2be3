using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Services;

namespace LoanPlatform.Users.Tests.Functional;

public sealed class DeviceTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public async Task Registering_answers_201_and_registering_the_same_endpoint_again_updates_it_under_the_same_id()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var endpoint = PushSubscriptions.NewEndpoint();

        using var created = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoint));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var device = await created.ReadJsonAsync();
        var deviceId = device.GetProperty("deviceId").GetString()!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(endpoint)))[..32], deviceId);
        Assert.Equal($"/users/me/devices/{deviceId}", created.Headers.Location?.OriginalString);
        Assert.Equal("Pixel 8", device.GetProperty("label").GetString());
        Assert.Equal("fcm.googleapis.com", device.GetProperty("endpointHost").GetString());
        Assert.True(device.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        var newKey = PushSubscriptions.NewP256dh();
        using var again = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoint, "Work phone", newKey));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var updated = await again.ReadJsonAsync();
        Assert.Equal(deviceId, updated.GetProperty("deviceId").GetString());
        Assert.Equal("Work phone", updated.GetProperty("label").GetString());
        var contact = await ContactAsync(userId);
        var sent = Assert.Single(contact.GetProperty("devices").EnumerateArray());
        Assert.Equal(newKey, sent.GetProperty("p256dh").GetString());
    }

    [Fact]
    public async Task A_user_who_never_registered_a_device_is_not_looked_up_for_devices_until_one_registers()
    {
        var (userId, _) = await host.NewCustomerAsync();
        var profiles = host.GetRequiredService<IDocumentStore<UserProfile>>();
        var devices = host.GetRequiredService<IDocumentStore<PushDevice>>();
        Assert.False((await profiles.FindAsync(userId, userId))!.Value.MayHaveDevices);

        // A device only the store holds (registration would have marked the profile first): the contact does not look for it.
        var now = DateTimeOffset.UtcNow;
        await devices.CreateAsync(userId, "0123456789abcdef0123456789abcdef", new PushDevice(
            "0123456789abcdef0123456789abcdef", userId, PushSubscriptions.NewEndpoint(), PushSubscriptions.NewP256dh(), "auth", null, now, now));
        Assert.Empty((await ContactAsync(userId)).GetProperty("devices").EnumerateArray());

        // A profile stored before the mark existed is looked up.
        var stored = (await profiles.FindAsync(userId, userId))!;
        await profiles.ReplaceAsync(userId, userId, stored.Value with { MayHaveDevices = null }, stored.ETag);
        Assert.Single((await ContactAsync(userId)).GetProperty("devices").EnumerateArray());

        // Registering marks the profile before the device is written.
        var (otherId, other) = await host.NewCustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(PushSubscriptions.NewEndpoint()))).StatusCode);
        Assert.True((await profiles.FindAsync(otherId, otherId))!.Value.MayHaveDevices);
        Assert.Single((await ContactAsync(otherId)).GetProperty("devices").EnumerateArray());
    }

    [Fact]
    public async Task A_removed_device_is_a_tombstone_without_endpoint_or_keys_and_registering_it_again_creates_it_anew()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var endpoint = PushSubscriptions.NewEndpoint();
        var deviceId = (await (await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoint))).ReadJsonAsync()).GetProperty("deviceId").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/users/me/devices/{deviceId}")).StatusCode);

        // One write made the removal and carries its event: the device stays as a tombstone until the store drops it.
        var tombstone = (await host.GetRequiredService<IDocumentStore<PushDevice>>().FindAsync(userId, deviceId))!.Value;
        Assert.NotNull(tombstone.RemovedAt);
        Assert.Equal((null, null, null, null), (tombstone.Endpoint, tombstone.P256dh, tombstone.Auth, tombstone.Token));
        Assert.False(tombstone.HasPendingEvents, "the removal's event has left the outbox");
        Assert.Equal(PushDevice.TombstoneRetention, tombstone.TimeToLiveAt(tombstone.RemovedAt!.Value));
        Assert.Empty((await ContactAsync(userId)).GetProperty("devices").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/users/me/devices/{deviceId}")).StatusCode);

        using var again = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoint));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(deviceId, (await again.ReadJsonAsync()).GetProperty("deviceId").GetString());
        Assert.Single((await ContactAsync(userId)).GetProperty("devices").EnumerateArray());
    }

    [Fact]
    public async Task The_list_shows_label_host_and_time_but_never_the_endpoint_or_keys()
    {
        var (_, client) = await host.NewCustomerAsync();
        var endpoint = PushSubscriptions.NewEndpoint("wns2-par02p.notify.windows.com");
        var body = PushSubscriptions.Body(endpoint, label: null);
        (await client.PostAsJsonAsync("/users/me/devices", body)).EnsureSuccessStatusCode();

        using var response = await client.GetAsync("/users/me/devices");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var device = Assert.Single(JsonSerializer.Deserialize<JsonElement>(raw).EnumerateArray());
        Assert.Equal(["createdAt", "deviceId", "endpointHost", "label", "type"], device.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("webpush", device.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, device.GetProperty("label").ValueKind);
        Assert.Equal("wns2-par02p.notify.windows.com", device.GetProperty("endpointHost").GetString());
        Assert.DoesNotContain(new Uri(endpoint).AbsolutePath, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("p256dh", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("auth", raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deleting_answers_204_and_another_users_device_is_invisible_and_not_found()
    {
        var (ownerId, owner) = await host.NewCustomerAsync();
        var (_, other) = await host.NewCustomerAsync();
        var kept = await RegisterAsync(owner, PushSubscriptions.NewEndpoint());
        var removed = await RegisterAsync(owner, PushSubscriptions.NewEndpoint());

        using var othersList = await other.GetAsync("/users/me/devices");
        Assert.Empty((await othersList.ReadJsonAsync()).EnumerateArray());
        using var othersDelete = await other.DeleteAsync($"/users/me/devices/{kept}");
        await othersDelete.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        using var deleted = await owner.DeleteAsync($"/users/me/devices/{removed}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var deletedAgain = await owner.DeleteAsync($"/users/me/devices/{removed}");
        await deletedAgain.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var unknown = await owner.DeleteAsync("/users/me/devices/not-a-device-id");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        var remaining = (await owner.GetFromJsonAsync<JsonElement>("/users/me/devices")).EnumerateArray().Select(d => d.GetProperty("deviceId").GetString());
        Assert.Equal([kept], remaining);
        Assert.Single((await ContactAsync(ownerId)).GetProperty("devices").EnumerateArray());
    }

    [Fact]
    public async Task A_shared_browser_registered_by_a_second_user_no_longer_notifies_the_first()
    {
        var (firstId, first) = await host.NewCustomerAsync();
        var (secondId, second) = await host.NewCustomerAsync();
        var endpoint = PushSubscriptions.NewEndpoint();
        var deviceId = await RegisterAsync(first, endpoint);

        using var takenOver = await second.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoint));

        Assert.Equal(HttpStatusCode.Created, takenOver.StatusCode);
        Assert.Equal(deviceId, (await takenOver.ReadJsonAsync()).GetProperty("deviceId").GetString());
        Assert.Empty((await first.GetFromJsonAsync<JsonElement>("/users/me/devices")).EnumerateArray());
        Assert.Empty((await ContactAsync(firstId)).GetProperty("devices").EnumerateArray());
        var now = Assert.Single((await ContactAsync(secondId)).GetProperty("devices").EnumerateArray());
        Assert.Equal(endpoint, now.GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task An_eleventh_device_is_a_409_while_the_ten_can_still_re_register()
    {
        var (_, client) = await host.NewCustomerAsync();
        var endpoints = Enumerable.Range(0, UserDevices.MaxPerUser).Select(_ => PushSubscriptions.NewEndpoint()).ToList();
        foreach (var endpoint in endpoints)
        {
            await RegisterAsync(client, endpoint);
        }

        using var eleventh = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(PushSubscriptions.NewEndpoint()));
        await eleventh.AssertProblemAsync(HttpStatusCode.Conflict, "too-many-devices");

        using var again = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoints[3]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example.com/fcm/send/abc")]
    [InlineData("https://fcm.googleapis.com.evil.example.com/fcm/send/abc")]
    [InlineData("https://evilfcm.googleapis.com.example/abc")]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc")]
    [InlineData("https://fcm.googleapis.com:8443/fcm/send/abc")]
    [InlineData("https://user:secret@fcm.googleapis.com/fcm/send/abc")]
    [InlineData("http://127.0.0.1:9000/push/abc")]
    [InlineData("https://localhost/push/abc")]
    [InlineData("https://169.254.169.254/metadata")]
    [InlineData("ftp://fcm.googleapis.com/abc")]
    [InlineData("/fcm/send/abc")]
    [InlineData("not a url")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Endpoints_outside_the_push_services_are_refused(string? endpoint)
    {
        var (_, client) = await host.NewCustomerAsync();

        using var response = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoint!));

        await AssertInvalidAsync(response, "endpoint");
    }

    [Fact]
    public async Task An_endpoint_longer_than_2048_characters_is_refused()
    {
        var (_, client) = await host.NewCustomerAsync();

        using var response = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body("https://fcm.googleapis.com/fcm/send/" + new string('a', 2048)));

        await AssertInvalidAsync(response, "endpoint");
    }

    public static TheoryData<string?, string> BadKeys()
    {
        var point = PushSubscriptions.NewPoint();
        var offCurve = point.ToArray();
        offCurve[^1] ^= 0x01;
        var notUncompressed = point.ToArray();
        notUncompressed[0] = 0x05;
        return new()
        {
            { Base64Url.EncodeToString(point.AsSpan(0, 64)), "keys.p256dh" },
            { Base64Url.EncodeToString([.. point, 0x00]), "keys.p256dh" },
            { Base64Url.EncodeToString(offCurve), "keys.p256dh" },
            { Base64Url.EncodeToString(notUncompressed), "keys.p256dh" },
            { Convert.ToBase64String(point) + "+/", "keys.p256dh" },
            { null, "keys.p256dh" },
        };
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_p256dh_that_is_not_an_uncompressed_P256_point_is_refused(string? p256dh, string field)
    {
        var (_, client) = await host.NewCustomerAsync();
        var body = JsonSerializer.SerializeToNode(PushSubscriptions.Body(PushSubscriptions.NewEndpoint()))!;
        body["keys"]!["p256dh"] = p256dh;

        using var response = await client.PostAsJsonAsync("/users/me/devices", body);

        await AssertInvalidAsync(response, field);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(0)]
    public async Task An_auth_secret_that_is_not_16_bytes_is_refused(int length)
    {
        var (_, client) = await host.NewCustomerAsync();

        using var response = await client.PostAsJsonAsync("/users/me/devices",
            PushSubscriptions.Body(PushSubscriptions.NewEndpoint(), auth: Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(length))));

        await AssertInvalidAsync(response, "keys.auth");
    }

    [Fact]
    public async Task Missing_keys_and_a_long_label_are_reported_together()
    {
        var (_, client) = await host.NewCustomerAsync();

        using var response = await client.PostAsJsonAsync("/users/me/devices", new { endpoint = PushSubscriptions.NewEndpoint(), label = new string('x', 61) });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["keys.auth", "keys.p256dh", "label"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task The_contact_endpoint_carries_preferences_and_devices_with_their_keys()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var endpoint = PushSubscriptions.NewEndpoint("updates.push.services.mozilla.com");
        var p256dh = PushSubscriptions.NewP256dh();
        var auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var deviceId = await RegisterAsync(client, endpoint, p256dh, auth);
        using var read = await client.GetAsync("/users/me/notification-preferences");
        (await client.SendAsync(NotificationPreferencesTests.Put(read.Headers.ETag!.Tag,
            new { email = true, push = true, quietHours = new { start = "22:00", end = "06:00", timeZone = "Asia/Jakarta" } }))).EnsureSuccessStatusCode();

        var contact = await ContactAsync(userId);

        Assert.Equal(userId, contact.GetProperty("userId").GetString());
        Assert.Equal("Siti", contact.GetProperty("firstName").GetString());
        var preferences = contact.GetProperty("preferences");
        Assert.True(preferences.GetProperty("email").GetBoolean());
        Assert.True(preferences.GetProperty("push").GetBoolean());
        Assert.Equal("22:00", preferences.GetProperty("quietHours").GetProperty("start").GetString());
        Assert.Equal("Asia/Jakarta", preferences.GetProperty("quietHours").GetProperty("timeZone").GetString());
        var device = Assert.Single(contact.GetProperty("devices").EnumerateArray());
        Assert.Equal(deviceId, device.GetProperty("deviceId").GetString());
        Assert.Equal(endpoint, device.GetProperty("endpoint").GetString());
        Assert.Equal(p256dh, device.GetProperty("p256dh").GetString());
        Assert.Equal(auth, device.GetProperty("auth").GetString());
    }

    [Fact]
    public async Task The_internal_delete_forgets_an_expired_device_and_answers_204_whether_or_not_it_existed()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var deviceId = await RegisterAsync(client, PushSubscriptions.NewEndpoint());
        using var service = await host.ServiceClientAsync("notifications");

        using var customer = await client.DeleteAsync($"/internal/users/{userId}/devices/{deviceId}");
        Assert.Equal(HttpStatusCode.Unauthorized, customer.StatusCode);

        using var deleted = await service.DeleteAsync($"/internal/users/{userId}/devices/{deviceId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await service.DeleteAsync($"/internal/users/{userId}/devices/{deviceId}");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        using var unknown = await service.DeleteAsync("/internal/users/nobody/devices/whatever");
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);

        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/users/me/devices")).EnumerateArray());
    }

    [Fact]
    public async Task Push_config_is_a_503_until_a_VAPID_key_is_configured()
    {
        var (_, client) = await host.NewCustomerAsync();

        using var response = await client.GetAsync("/users/me/devices/push-config");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "push-not-configured");
    }

    [Fact]
    public async Task An_app_registers_its_FCM_token_under_an_id_from_the_token_and_the_list_shows_its_platform_never_the_token()
    {
        var (userId, client) = await host.NewCustomerAsync();
        var token = FcmTokens.New();

        using var created = await client.PostAsJsonAsync("/users/me/devices", FcmTokens.Body(token, "android", "Galaxy A15"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var deviceId = (await created.ReadJsonAsync()).GetProperty("deviceId").GetString()!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("fcm:" + token)))[..32], deviceId);
        using var list = await client.GetAsync("/users/me/devices");
        var raw = await list.Content.ReadAsStringAsync();
        var device = Assert.Single(JsonSerializer.Deserialize<JsonElement>(raw).EnumerateArray());
        Assert.Equal(["createdAt", "deviceId", "label", "platform", "type"], device.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("fcm", "android", "Galaxy A15"), (device.GetProperty("type").GetString(), device.GetProperty("platform").GetString(), device.GetProperty("label").GetString()));
        Assert.DoesNotContain(token, raw, StringComparison.Ordinal);
        var export = await client.GetStringAsync("/users/me/export");
        Assert.Contains(deviceId, export, StringComparison.Ordinal);
        Assert.DoesNotContain(token, export, StringComparison.Ordinal);

        var sent = Assert.Single((await ContactAsync(userId)).GetProperty("devices").EnumerateArray());
        Assert.Equal(["deviceId", "token", "type"], sent.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("fcm", token), (sent.GetProperty("type").GetString(), sent.GetProperty("token").GetString()));

        using var again = await client.PostAsJsonAsync("/users/me/devices", FcmTokens.Body(token, "ios", label: null));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var updated = await again.ReadJsonAsync();
        Assert.Equal((deviceId, "ios", "Galaxy A15"), (updated.GetProperty("deviceId").GetString(), updated.GetProperty("platform").GetString(), updated.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task A_removed_app_is_a_tombstone_without_its_token_and_a_phone_another_user_registers_moves_to_them()
    {
        var (firstId, first) = await host.NewCustomerAsync();
        var (secondId, second) = await host.NewCustomerAsync();
        var token = FcmTokens.New();
        using var registered = await first.PostAsJsonAsync("/users/me/devices", FcmTokens.Body(token));
        var deviceId = (await registered.ReadJsonAsync()).GetProperty("deviceId").GetString()!;

        using var takenOver = await second.PostAsJsonAsync("/users/me/devices", FcmTokens.Body(token));

        Assert.Equal(HttpStatusCode.Created, takenOver.StatusCode);
        Assert.Empty((await ContactAsync(firstId)).GetProperty("devices").EnumerateArray());
        var tombstone = (await host.GetRequiredService<IDocumentStore<PushDevice>>().FindAsync(firstId, deviceId))!.Value;
        Assert.NotNull(tombstone.RemovedAt);
        Assert.Null(tombstone.Token);
        Assert.Equal(token, Assert.Single((await ContactAsync(secondId)).GetProperty("devices").EnumerateArray()).GetProperty("token").GetString());
    }

    [Fact]
    public async Task The_ten_device_limit_counts_browsers_and_apps_together()
    {
        var (_, client) = await host.NewCustomerAsync();
        foreach (var _ in Enumerable.Range(0, UserDevices.MaxPerUser / 2))
        {
            await RegisterAsync(client, PushSubscriptions.NewEndpoint());
            (await client.PostAsJsonAsync("/users/me/devices", FcmTokens.Body(FcmTokens.New()))).EnsureSuccessStatusCode();
        }

        using var eleventh = await client.PostAsJsonAsync("/users/me/devices", FcmTokens.Body(FcmTokens.New()));

        await eleventh.AssertProblemAsync(HttpStatusCode.Conflict, "too-many-devices");
    }

    public static TheoryData<object, string> BadAppRegistrations() => new()
    {
        { new { type = "fcm", token = "", platform = "android" }, "token" },
        { new { type = "fcm", platform = "android" }, "token" },
        { new { type = "fcm", token = "abc def", platform = "android" }, "token" },
        { new { type = "fcm", token = "abc/def=", platform = "android" }, "token" },
        { new { type = "fcm", token = new string('a', 4097), platform = "android" }, "token" },
        { new { type = "fcm", token = "abc:DEF_1-2", platform = "windows" }, "platform" },
        { new { type = "fcm", token = "abc:DEF_1-2" }, "platform" },
        { new { type = "fcm", token = "abc:DEF_1-2", platform = "ios", label = new string('x', 61) }, "label" },
        { new { type = "apns", token = "abc", platform = "ios" }, "type" },
        { new { type = "FCM", token = "abc", platform = "ios" }, "type" },
    };

    [Theory]
    [MemberData(nameof(BadAppRegistrations))]
    public async Task A_bad_app_registration_or_an_unknown_type_is_a_400_naming_the_field(object body, string field)
    {
        var (_, client) = await host.NewCustomerAsync();

        using var response = await client.PostAsJsonAsync("/users/me/devices", body);

        await AssertInvalidAsync(response, field);
    }

    [Fact]
    public async Task A_token_of_4096_characters_and_an_explicit_webpush_type_are_accepted()
    {
        var (_, client) = await host.NewCustomerAsync();

        using var longToken = await client.PostAsJsonAsync("/users/me/devices", FcmTokens.Body(new string('a', 4096)));
        var webPush = JsonSerializer.SerializeToNode(PushSubscriptions.Body(PushSubscriptions.NewEndpoint()))!;
        webPush["type"] = "webpush";
        using var browser = await client.PostAsJsonAsync("/users/me/devices", webPush);

        Assert.Equal(HttpStatusCode.Created, longToken.StatusCode);
        Assert.Equal(HttpStatusCode.Created, browser.StatusCode);
    }

    internal static async Task<string> RegisterAsync(HttpClient client, string endpoint, string? p256dh = null, string? auth = null)
    {
        using var response = await client.PostAsJsonAsync("/users/me/devices", PushSubscriptions.Body(endpoint, p256dh: p256dh, auth: auth));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("deviceId").GetString()!;
    }

    private async Task<JsonElement> ContactAsync(string userId)
    {
        using var service = await host.ServiceClientAsync("notifications");
        return await service.GetFromJsonAsync<JsonElement>($"/internal/users/{userId}/contact");
    }

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}
