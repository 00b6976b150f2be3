using System.Text.Json.Nodes;
using LoanPlatform.Auth.Tests.Support;

namespace LoanPlatform.Auth.Tests.Audit;

/// <summary>Account changes on the running platform, as an auditor reads them from GET /audit.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AccountAuditApiTests(AuthPlatformFixture fixture)
{
    [Fact]
    public async Task Registration_and_a_password_change_are_recorded_as_the_users_service_and_the_customer()
    {
        using var client = fixture.Client();
        var customer = await client.RegisterAsync();
        const string newPassword = "a-brand-new-passphrase";
        await client.SendOkAsync(HttpMethod.Post, "/auth/password", new { currentPassword = customer.Password, newPassword }, customer.Token);

        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var records = await ChangesOfAsync(client, auditor, customer.UserId);

        Assert.Equal(["CredentialCreated", "PasswordChanged"], records.Select(r => Text(r, "action")));
        Assert.All(records, r => Assert.Equal($"/auth/accounts/{customer.UserId}", Text(r, "resource")));
        Assert.Equal(("users", "Service"), (Text(records[0], "actor"), Text(records[0], "role")));
        Assert.Equal((customer.UserId, "Customer"), (Text(records[1], "actor"), Text(records[1], "role")));
        var text = new JsonArray([.. records.Select(r => r!.DeepClone())]).ToJsonString();
        foreach (var secret in new[] { customer.Email, customer.Password, newPassword, customer.Token })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Seeding_a_local_staff_account_is_recorded_as_the_seeding_job()
    {
        using var client = fixture.Client();
        var auditor = await client.LoginStaffAsync("auditor@staff.local");

        var created = Assert.Single(await ChangesOfAsync(client, auditor, "staff-officer2"));
        Assert.Equal(("CredentialCreated", "/auth/accounts/staff-officer2"), (Text(created, "action"), Text(created, "resource")));
        Assert.Equal(("system:local-staff-seeding", "System"), (Text(created, "actor"), Text(created, "role")));
    }

    private static string? Text(JsonNode? record, string field) => record?[field]?.GetValue<string>();

    /// <summary>The account-change records of a subject (gateway request records have a status code; changes have none).</summary>
    private static async Task<IReadOnlyList<JsonNode?>> ChangesOfAsync(PlatformClient client, string auditor, string subject)
    {
        var records = await client.SendOkAsync(HttpMethod.Get, $"/audit?subject={Uri.EscapeDataString(subject)}", null, auditor);
        return records["items"]!.AsArray().Where(r => r!["statusCode"] is null && Text(r, "resource")!.StartsWith("/auth/accounts/", StringComparison.Ordinal)).ToArray();
    }
}
