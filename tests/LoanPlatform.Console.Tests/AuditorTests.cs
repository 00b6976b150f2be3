using Microsoft.Playwright;

namespace LoanPlatform.Console.Tests;

/// <summary>An auditor searches the trail and verifies its hash chain in the console.</summary>
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
}
