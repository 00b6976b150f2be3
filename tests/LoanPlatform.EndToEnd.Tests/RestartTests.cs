namespace LoanPlatform.EndToEnd.Tests;

/// <summary>The local engine keeps its work in memory; the Loans store is the truth and open loans are re-hydrated at start.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_loan_waiting_for_an_officer_when_the_platform_stops_can_be_approved_after_it_starts_again()
    {
        await using var running = await RunningPlatform.StartAsync();
        string loanId;
        string deadlineBefore;
        PlatformClient.Customer customer;
        using (var client = running.CreateClient())
        {
            customer = await client.RegisterVerifiedCustomerAsync();
            loanId = await client.ApplyOkAsync(customer.Token, 12_000_000);
            var pending = await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["deadline"] is not null);
            deadlineBefore = pending["currentStage"]!["deadline"]!.GetValue<string>();
        }

        await running.StopAsync();
        await running.StartAgainAsync();
        Assert.Equal(1, running.Platform.RehydratedLoans);

        using (var client = running.CreateClient())
        {
            // The access token outlives the restart: the signing key is kept in the data folder.
            var waiting = await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
            Assert.Equal(deadlineBefore, waiting["currentStage"]!["deadline"]!.GetValue<string>());

            var officer = await client.LoginStaffAsync("officer1@staff.local");
            await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer);
            await client.WaitForStatusAsync(loanId, customer.Token, "approved");
        }
    }
}
