using System.Net;
using System.Net.Http.Json;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Loans.Domain;

namespace LoanPlatform.Loans.Infrastructure;

/// <summary>Asks the Users service (internal API, service identity) what it vouches for about an applicant.</summary>
public sealed class UsersDirectoryClient(HttpClient http)
{
    public Task<ApplicantProfile?> GetApplicantAsync(string userId, CancellationToken cancellationToken) =>
        GetAsync<ApplicantProfile>($"/internal/users/{Uri.EscapeDataString(userId)}/eligibility", cancellationToken);

    /// <summary>Whether <paramref name="staffId"/> is the same person as applicant <paramref name="userId"/>; null when there is no such applicant.</summary>
    public Task<PersonMatch?> MatchPersonAsync(string userId, string staffId, CancellationToken cancellationToken) =>
        GetAsync<PersonMatch>($"/internal/users/{Uri.EscapeDataString(userId)}/person-match/{Uri.EscapeDataString(staffId)}", cancellationToken);

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ProblemException(503, "users-unavailable", "The customer directory is unavailable; try again shortly.");
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
    }
}
