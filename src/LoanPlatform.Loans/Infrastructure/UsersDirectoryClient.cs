using System.Net;
using System.Net.Http.Json;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Loans.Domain;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.Loans.Infrastructure;

/// <summary>Asks the Users service (internal API, service identity) what it vouches for about an applicant.</summary>
public sealed class UsersDirectoryClient(HttpClient http)
{
    public async Task<ApplicantProfile?> GetApplicantAsync(string userId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/internal/users/{Uri.EscapeDataString(userId)}/eligibility", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw LoanProblems.UsersUnavailable.Exception();
        }

        return await response.Content.ReadFromJsonAsync<ApplicantProfile>(cancellationToken);
    }
}
