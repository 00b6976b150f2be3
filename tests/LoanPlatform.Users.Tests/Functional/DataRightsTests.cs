using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Testing;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Objects.Local;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>UU PDP: access (export) and erasure.</summary>
public sealed class DataRightsTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public async Task The_export_holds_the_profile_consent_and_document_records_without_urls()
    {
        var registration = UsersHost.NewRegistration();
        var (userId, client) = await RegisterAsync(registration);
        var documentId = await UploadKtpAsync(client);

        using var response = await client.GetAsync("/users/me/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var export = await response.ReadJsonAsync();
        var profile = export.GetProperty("profile");
        Assert.Equal(userId, profile.GetProperty("userId").GetString());
        Assert.Equal(registration["nik"], profile.GetProperty("nik").GetString());
        Assert.Equal("+62" + ((string)registration["phone"]!)[1..], profile.GetProperty("phone").GetString());
        Assert.Equal("2025-01", export.GetProperty("consent").GetProperty("version").GetString());
        Assert.True(export.GetProperty("consent").GetProperty("acceptedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var document = Assert.Single(export.GetProperty("documents").EnumerateArray());
        Assert.Equal(documentId, document.GetProperty("documentId").GetString());
        Assert.Equal("verified", document.GetProperty("status").GetString());
        Assert.DoesNotContain("http", export.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_export_holds_notification_preferences_and_devices_without_endpoints_or_keys()
    {
        var (_, client) = await RegisterAsync(UsersHost.NewRegistration());
        var endpoint = PushSubscriptions.NewEndpoint();
        var deviceId = await DeviceTests.RegisterAsync(client, endpoint);

        var export = await client.GetFromJsonAsync<JsonElement>("/users/me/export");

        var preferences = export.GetProperty("notificationPreferences");
        Assert.True(preferences.GetProperty("email").GetBoolean());
        Assert.True(preferences.GetProperty("push").GetBoolean());
        Assert.Equal(JsonValueKind.Null, preferences.GetProperty("quietHours").ValueKind);
        var device = Assert.Single(export.GetProperty("devices").EnumerateArray());
        Assert.Equal(deviceId, device.GetProperty("deviceId").GetString());
        Assert.Equal("fcm.googleapis.com", device.GetProperty("endpointHost").GetString());
        Assert.DoesNotContain(new Uri(endpoint).AbsolutePath, export.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("p256dh", export.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erasure_requires_the_current_etag()
    {
        var (_, client) = await RegisterAsync(UsersHost.NewRegistration());

        using var without = await client.DeleteAsync("/users/me");
        await without.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition-required");
        using var stale = await DeleteAsync(client, "\"stale\"");
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "stale-etag");

        using var profile = await client.GetAsync("/users/me");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Erasure_removes_profile_documents_devices_and_credential_keeps_a_pseudonymous_record_and_frees_the_identity()
    {
        var registration = UsersHost.NewRegistration();
        var (userId, client) = await RegisterAsync(registration);
        var documentId = await UploadKtpAsync(client);
        await DeviceTests.RegisterAsync(client, PushSubscriptions.NewEndpoint());
        Assert.True(host.Auth.Credentials.ContainsKey(userId));
        var objects = host.GetRequiredService<LocalDocumentObjectStore>();
        var sealedKey = ObjectKeys.ForSealedDocument(userId, documentId);
        await using (var sealedObject = await objects.OpenReadAsync(sealedKey, CancellationToken.None))
        {
            Assert.NotNull(sealedObject);
        }

        using var erased = await DeleteAsync(client, await ETagAsync(client));

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.False(host.Auth.Credentials.ContainsKey(userId));
        using var profile = await client.GetAsync("/users/me");
        await profile.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var document = await client.GetAsync($"/users/me/documents/{documentId}");
        await document.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Null(await objects.OpenReadAsync(ObjectKeys.ForDocument(userId, documentId), CancellationToken.None));
        Assert.Null(await objects.OpenReadAsync(sealedKey, CancellationToken.None));
        Assert.Empty(await host.GetRequiredService<IDocumentStore<PushDevice>>().QueryAsync(DocumentQuery.InPartition(userId)).ToListAsync());

        var subjectHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
        var record = await host.GetRequiredService<IDocumentStore<ErasureRecord>>().FindAsync(subjectHash, subjectHash, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), record.Value.ErasedOn);
        Assert.Equal(1, record.Value.DocumentsErased);
        var json = JsonSerializer.Serialize(record.Value);
        foreach (var personal in new[] { userId, (string)registration["email"]!, (string)registration["phone"]!, (string)registration["nik"]!, "Siti" })
        {
            Assert.DoesNotContain(personal, json, StringComparison.Ordinal);
        }

        // The same email, phone and NIK can register again: the claims were released.
        using var again = await host.RegisterAsync(registration);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task When_auth_cannot_delete_the_credential_nothing_is_erased()
    {
        var (userId, client) = await RegisterAsync(UsersHost.NewRegistration());
        var etag = await ETagAsync(client);
        host.Auth.FailWith = 503;
        try
        {
            using var erased = await DeleteAsync(client, etag);
            await erased.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "auth-unavailable");
        }
        finally
        {
            host.Auth.FailWith = null;
        }

        using var profile = await client.GetAsync("/users/me");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.True(host.Auth.Credentials.ContainsKey(userId));
    }

    private async Task<(string UserId, HttpClient Client)> RegisterAsync(Dictionary<string, object?> registration)
    {
        using var response = await host.RegisterAsync(registration);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var userId = (await response.Content.ReadFromJsonAsync<UsersHost.RegisterResult>())!.UserId;
        return (userId, host.ClientFor(userId));
    }

    private async Task<string> UploadKtpAsync(HttpClient client)
    {
        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        (await host.UploadAsync(upload, SampleImages.Jpeg)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/users/me/documents/{documentId}/complete", null)).EnsureSuccessStatusCode();
        return documentId;
    }

    private static async Task<string> ETagAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/users/me");
        return response.Headers.ETag!.ToString();
    }

    [Fact]
    public async Task Erasure_with_an_old_sign_in_needs_the_password_and_a_wrong_one_erases_nothing()
    {
        var registration = UsersHost.NewRegistration();
        var (userId, _) = await RegisterAsync(registration);
        using var old = new HttpClient { BaseAddress = host.Anonymous.BaseAddress };
        old.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TestTokens.ForCustomer(host.Auth.SigningKey, userId, signedInAt: DateTimeOffset.UtcNow.AddMinutes(-6)));
        var etag = await ETagAsync(old);

        using (var bare = await DeleteAsync(old, etag))
        {
            await bare.AssertProblemAsync(HttpStatusCode.Forbidden, "reauthentication-required");
        }

        using (var wrong = await DeleteAsync(old, etag, new { password = "not-my-password-at-all" }))
        {
            await wrong.AssertProblemAsync(HttpStatusCode.Forbidden, "reauthentication-required");
        }

        Assert.True(host.Auth.Credentials.ContainsKey(userId), "nothing is erased without re-authentication");
        using var erased = await DeleteAsync(old, etag, new { password = registration["password"] });
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.False(host.Auth.Credentials.ContainsKey(userId));
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string ifMatch, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/users/me");
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }
}
