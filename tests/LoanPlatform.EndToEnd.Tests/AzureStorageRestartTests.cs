using LoanPlatform.Testing;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// The opt-in profile: the local engine on the Azure Storage backend Durable Functions uses in Azure, here over
/// Azurite. The orchestration itself survives the restart, so nothing needs re-hydrating.
/// </summary>
[Collection(nameof(AzureStorageRestartTests))]
public sealed class AzureStorageRestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task On_the_Azure_Storage_backend_a_waiting_loan_survives_a_restart_by_itself()
    {
        await using var running = await RunningPlatform.StartAsync(new Dictionary<string, string?>
        {
            ["Durable:Backend"] = "AzureStorage",
            ["Durable:AzureStorageConnectionString"] = azurite.ConnectionString,
        });
        string loanId;
        PlatformClient.Customer customer;
        using (var client = running.CreateClient())
        {
            customer = await client.RegisterVerifiedCustomerAsync();
            loanId = await client.ApplyOkAsync(customer.Token, 15_000_000);
            await client.WaitForLoanAsync(loanId, customer.Token, loan => loan["currentStage"]?["deadline"] is not null, TimeSpan.FromSeconds(60));
        }

        await running.StopAsync();
        await running.StartAgainAsync();
        Assert.Equal(0, running.Platform.RehydratedLoans);

        using (var client = running.CreateClient())
        {
            var officer = await client.LoginStaffAsync("officer2@staff.local");
            await client.SendOkAsync(HttpMethod.Post, $"/loans/{loanId}/decisions", new { decision = "approve" }, officer);
            // Work in flight at the stop reappears after the queue visibility timeout (10 s locally).
            await client.WaitForStatusAsync(loanId, customer.Token, "approved", TimeSpan.FromSeconds(90));
        }
    }
}

/// <summary>
/// Run alone: Azurite is single-threaded and the backend polls it, so with every other platform of the suite starting
/// in parallel on two cores its queue polling fell behind the test's patience.
/// </summary>
[CollectionDefinition(nameof(AzureStorageRestartTests), DisableParallelization = true)]
public sealed class AzureStorageRestartCollection;
