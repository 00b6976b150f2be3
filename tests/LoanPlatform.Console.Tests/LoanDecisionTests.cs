using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LoanPlatform.Console.Tests;

/// <summary>Officers decide loans in the console, in a real browser, against the real local platform.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LoanDecisionTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_officer_finds_a_new_application_in_the_queue_sees_its_documents_and_approves_it()
    {
        using var client = fixture.Running.CreateClient();
        var (customer, loanId) = await PendingApplicationAsync(client, 10_000_000);

        var page = await fixture.SignInAsync("officer1@staff.local");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Work queue" })).ToBeVisibleAsync();
        var row = page.Locator($"tr[data-loan-id='{loanId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("Rp 10.000.000");
        await Assertions.Expect(row.Locator(".countdown")).ToHaveTextAsync(new Regex(@"^\d+h \d{2}m$|^\d+m \d{2}s$"));
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("console-queue.png"), FullPage = true });

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("decision-form")).ToBeVisibleAsync();
        var documents = page.GetByTestId("documents").Locator("img");
        await Assertions.Expect(documents).ToHaveCountAsync(2);
        foreach (var image in await documents.AllAsync())
        {
            // Loaded from the short-lived read URL, not merely present.
            // Loaded (not merely in the page) and decoded into a picture: a broken image completes with no width.
            await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        }

        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("console-review.png"), FullPage = true });

        await page.GetByLabel("Approve").CheckAsync();
        await page.GetByLabel("Reason (required)").FillAsync("Income verified against payslips");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("decision-recorded")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("loan-status")).ToHaveTextAsync("Approved");
        await Assertions.Expect(page.GetByTestId("decision-refused")).ToContainTextAsync("stage is closed");

        var loan = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, customer.Token);
        Assert.Equal("approved", loan["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_officer_who_gave_the_first_approval_of_a_four_eyes_tier_is_refused_by_the_form_before_clicking()
    {
        using var client = fixture.Running.CreateClient();
        var (customer, loanId) = await PendingApplicationAsync(client, 60_000_000, tenorMonths: 24);

        var officer = await fixture.SignInAsync("officer2@staff.local");
        await officer.GotoAsync($"{fixture.ConsoleUrl}loans/{loanId}");
        await officer.GetByLabel("Reason (required)").FillAsync("First of two approvals: affordability checked");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();

        // The loan moved to its second stage; the officer who approved the first is told why they cannot decide it.
        await Assertions.Expect(officer.GetByTestId("decision-refused")).ToContainTextAsync("Four eyes");
        await Assertions.Expect(officer.GetByTestId("decision-form")).ToHaveCountAsync(0);
        var pending = await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, customer.Token);
        Assert.Equal("SeniorLoanOfficer", pending["currentStage"]!["waitingForRole"]!.GetValue<string>());

        // The senior officer, a different person in the right role, gets the form.
        var senior = await fixture.SignInAsync("senior@staff.local");
        await senior.GotoAsync($"{fixture.ConsoleUrl}loans/{loanId}");
        await Assertions.Expect(senior.GetByTestId("decision-form")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_rejection_with_its_reason_reaches_the_history()
    {
        using var client = fixture.Running.CreateClient();
        var (customer, loanId) = await PendingApplicationAsync(client, 5_000_000);
        const string reason = "Penghasilan tidak dapat diverifikasi";

        var page = await fixture.SignInAsync("officer1@staff.local");
        await page.GotoAsync($"{fixture.ConsoleUrl}loans/{loanId}");
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Submit decision" });
        await page.GetByLabel("Reject").CheckAsync();
        await Assertions.Expect(submit).ToBeDisabledAsync();
        await page.GetByLabel("Reason (required)").FillAsync(reason);
        await submit.ClickAsync();

        await Assertions.Expect(page.GetByTestId("loan-status")).ToHaveTextAsync("Rejected");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync(reason);
        var history = (await client.SendOkAsync(HttpMethod.Get, $"/loans/{loanId}/history", null, customer.Token)).AsArray();
        Assert.Contains(history, entry => entry!["comment"]?.GetValue<string>() == reason);
    }

    /// <summary>A verified customer's new application, once it waits for an officer.</summary>
    private static async Task<(PlatformClient.Customer Customer, string LoanId)> PendingApplicationAsync(PlatformClient client, long amount, int tenorMonths = 12)
    {
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, amount, tenorMonths);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        return (customer, loanId);
    }
}
