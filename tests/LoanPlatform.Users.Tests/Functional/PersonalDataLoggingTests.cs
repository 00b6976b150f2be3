using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LoanPlatform.Testing;
using LoanPlatform.Users.Objects;

namespace LoanPlatform.Users.Tests.Functional;

/// <summary>NIK, phone number and signed document URLs (upload, download, reviewers' read URLs) never reach the logs, whatever the flow and whatever goes wrong.</summary>
public sealed class PersonalDataLoggingTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public async Task Registration_documents_KYC_review_eligibility_export_and_erasure_log_no_nik_phone_or_document_url()
    {
        var registration = UsersHost.NewRegistration();
        using var registered = await host.RegisterAsync(registration);
        var userId = (await registered.Content.ReadFromJsonAsync<UsersHost.RegisterResult>())!.UserId;
        using var duplicate = await host.RegisterAsync(registration);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var client = host.ClientFor(userId);

        var (documentId, upload) = await DocumentTests.RequestAsync(client, "ktp", SampleImages.Jpeg);
        var uploadUrl = upload.GetProperty("url").GetString()!;
        (await host.UploadAsync(upload, SampleImages.Jpeg)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/users/me/documents/{documentId}/complete", null)).EnsureSuccessStatusCode();
        var downloadUrl = (await client.GetFromJsonAsync<JsonElement>($"/users/me/documents/{documentId}")).GetProperty("download").GetProperty("url").GetString()!;
        // The read URL is the sealed copy's, the one every reader gets once a document passed its checks.
        Assert.Contains(ObjectKeys.ForSealedDocument(userId, documentId), downloadUrl, StringComparison.Ordinal);
        await KycTests.UploadAsync(client, "selfie", host);
        var (_, officer) = await host.NewStaffAsync(BuildingBlocks.Security.PlatformRoles.LoanOfficer);
        var readUrls = (await officer.GetFromJsonAsync<JsonElement>($"/users/{userId}/kyc")).GetProperty("documents").EnumerateArray()
            .Select(d => d.GetProperty("readUrl").GetString()!).ToArray();
        foreach (var readUrl in readUrls)
        {
            (await host.Anonymous.GetAsync(readUrl)).EnsureSuccessStatusCode();
        }

        (await officer.PostAsJsonAsync($"/users/{userId}/kyc/decisions", new { decision = "reject", reason = "Blurred", reasonCodes = new[] { "document-unreadable" } }))
            .EnsureSuccessStatusCode();
        using var service = await host.ServiceClientAsync();
        (await service.GetAsync($"/internal/users/{userId}/eligibility")).EnsureSuccessStatusCode();
        (await client.GetAsync("/users/me/export")).EnsureSuccessStatusCode();
        host.Auth.FailWith = 503;
        using var failed = await host.RegisterAsync(UsersHost.NewRegistration());
        host.Auth.FailWith = null;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);

        var logs = host.Logs.Lines.ToArray();
        Assert.NotEmpty(logs);
        var secrets = new[] { (string)registration["nik"]!, (string)registration["phone"]!, new Uri(uploadUrl).Query, new Uri(downloadUrl).Query }
            .Concat(readUrls.Select(url => new Uri(url).Query));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
        }

        // The phone also in the international form the validator produces.
        Assert.DoesNotContain(logs, line => line.Contains(((string)registration["phone"]!)[1..], StringComparison.Ordinal));
    }
}
