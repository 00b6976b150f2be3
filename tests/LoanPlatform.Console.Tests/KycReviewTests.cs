using Microsoft.Playwright;

namespace LoanPlatform.Console.Tests;

/// <summary>A KYC reviewer checks the KTP and the selfie against the identity data and verifies the customer.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class KycReviewTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_reviewer_verifies_a_customer_from_the_KYC_queue_with_the_documents_beside_the_identity_data()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterAsync();
        await client.UploadIdentityDocumentsAsync(customer);

        var page = await fixture.SignInAsync("officer1@staff.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "KYC review" }).ClickAsync();
        var row = page.Locator($"tr[data-user-id='{customer.UserId}']");
        await row.GetByRole(AriaRole.Link).ClickAsync();

        var documents = page.GetByTestId("documents").Locator("img");
        await Assertions.Expect(documents).ToHaveCountAsync(2);
        foreach (var image in await documents.AllAsync())
        {
            // Loaded (not merely in the page) and decoded into a picture: a broken image completes with no width.
            await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        }

        await Assertions.Expect(page.GetByTestId("kyc-status")).ToHaveTextAsync("Pending review");
        await page.GetByLabel("Verify").CheckAsync();
        await page.GetByLabel("Reason (required)").FillAsync("KTP photo matches the selfie; NIK and date of birth agree");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("kyc-status")).ToHaveTextAsync("Verified");
        await Assertions.Expect(page.GetByTestId("kyc-closed")).ToBeVisibleAsync();

        var me = await client.SendOkAsync(HttpMethod.Get, "/users/me", null, customer.Token);
        Assert.Equal("verified", me["kyc"]!["status"]!.GetValue<string>());
    }
}
