using System.Net;
using System.Net.Http.Json;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Services;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.Users.Auth;

/// <summary>The Auth service's internal credential API, called with this service's identity.</summary>
public sealed class AuthCredentialsClient(HttpClient http)
{
    public const string BaseAddressKey = "Services:Auth:InternalUrl";

    /// <summary>Creates the login credential; a taken email is a 409, an unreachable Auth a 503, both as problems.</summary>
    public async Task CreateCredentialAsync(CreateCredentialRequest request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync("internal/auth/credentials", request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unavailable();
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                throw UserProblems.Taken(UniqueField.Email);
            }

            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                // Auth's password policy is stricter than ours; its verdict becomes a field error like ours.
                var validation = new RequestValidation();
                validation.Add("password", "The password does not meet the password policy.");
                validation.ThrowIfInvalid();
            }

            throw Unavailable();
        }
    }

    private static ProblemException Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "auth-unavailable", "Registration is temporarily unavailable; please try again.");
}
