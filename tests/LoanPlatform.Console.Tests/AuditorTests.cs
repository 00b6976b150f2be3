using Microsoft.Playwright;

namespace LoanPlatform.Console.Tests;

/// <summary>An auditor searches the trail, verifies its hash chain and reads the overview in the console.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AuditorTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_auditor_searches_the_trail_by_subject_and_verifies_the_chain()
    {
        var page = await fixture.SignInAsync("auditor@staff.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the chain" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-verdict")).ToContainTextAsync("Chain intact");

        // The auditor's own sign-in through the console is on the trail, under their subject.
        // The verification request itself is on the trail under the auditor's subject, once the gateway's writer stored it.
        await page.GetByLabel("Subject (actor or resource)").FillAsync("staff-auditor");
        var records = page.GetByTestId("audit-records");
        for (var attempt = 0; attempt < 20 && !(await records.CountAsync() > 0 && (await records.InnerTextAsync()).Contains("/audit/verify", StringComparison.Ordinal)); attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await page.WaitForTimeoutAsync(250);
        }

        await Assertions.Expect(records).ToContainTextAsync("/audit/verify");
        await Assertions.Expect(records).ToContainTextAsync("staff-auditor (Auditor)");
    }

    [Fact]
    public async Task The_overview_counts_loans_by_status_and_shows_sla_breaches()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 7_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");

        var page = await fixture.SignInAsync("auditor@staff.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        var pending = page.GetByTestId("by-status").Locator("tr", new() { HasText = "Pending approval" });
        await Assertions.Expect(pending).ToBeVisibleAsync();
        Assert.True(int.Parse(await pending.Locator("td.num").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await Assertions.Expect(page.GetByTestId("sla-breaches")).ToContainTextAsync("past their deadline");
    }
}
