using LoanPlatform.BuildingBlocks.Audit;
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
            // Oldest first: the newest records may be pages away.
            for (var more = page.GetByRole(AriaRole.Button, new() { Name = "Show more records" }); await more.CountAsync() > 0;)
            {
                await more.ClickAsync();
                await page.WaitForTimeoutAsync(100);
            }
        }

        await Assertions.Expect(records).ToContainTextAsync("/audit/verify");
        await Assertions.Expect(records).ToContainTextAsync("staff-auditor (Auditor)");
    }

    [Fact]
    public async Task The_audit_search_shows_every_page_of_a_long_trail_one_more_at_a_time()
    {
        // More records under one subject than a page of the console's search holds (100).
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        for (var i = 0; i < 110; i++)
        {
            await client.SendOkAsync(HttpMethod.Get, "/users/me", null, customer.Token);
        }

        var total = await RecordCountAsync(client, customer.UserId, atLeast: 110);

        var page = await fixture.SignInAsync("auditor@staff.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await page.GetByLabel("Subject (actor or resource)").FillAsync(customer.UserId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var rows = page.GetByTestId("audit-records").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() <= 100, $"the first page showed {await rows.CountAsync()} records");
        await Assertions.Expect(page.GetByTestId("audit-end")).ToHaveCountAsync(0);

        var more = page.GetByRole(AriaRole.Button, new() { Name = "Show more records" });
        for (var pages = 1; await more.CountAsync() > 0 && pages < 20; pages++)
        {
            var shown = await rows.CountAsync();
            await more.ClickAsync();
            await Assertions.Expect(rows).Not.ToHaveCountAsync(shown);
        }

        await Assertions.Expect(page.GetByTestId("audit-end")).ToBeVisibleAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(total);
        await Assertions.Expect(page.GetByText($"{total} records shown")).ToBeVisibleAsync();
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

    /// <summary>
    /// How many records the API holds for <paramref name="subject"/>, once the gateway's writer stored at least
    /// <paramref name="atLeast"/> and no more arrive (the customer's sign-up requests are drained too, in their own time).
    /// </summary>
    private static async Task<int> RecordCountAsync(PlatformClient client, string subject, int atLeast)
    {
        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var previous = -1;
        for (var attempt = 0; ; attempt++)
        {
            var count = 0;
            string? next = null;
            do
            {
                var page = await client.SendOkAsync(
                    HttpMethod.Get, $"/audit?subject={Uri.EscapeDataString(subject)}" + (next is null ? "" : "&continuation=" + Uri.EscapeDataString(next)), null, auditor);
                count += page["items"]!.AsArray().Count;
                next = page["next"]?.GetValue<string>();
            }
            while (next is not null);

            if ((count >= atLeast && count == previous) || attempt == 40)
            {
                return count;
            }

            previous = count;
            // Longer than a caught-up drainer gathers before it writes, so an unchanged count means it has caught up.
            await Task.Delay(AuditTrail.GatherWindow + TimeSpan.FromMilliseconds(500));
        }
    }
}
