using System.Net;
using System.Net.Http.Json;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.Users.Auth;

/// <summary>The Auth service's internal credential API, called with this service's identity.</summary>
public sealed class AuthCredentialsClient(HttpClient http)
{
    public const string BaseAddressKey = "Services:Auth:InternalUrl";

    /// <summary>
    /// Has Auth check a would-be password against its policy and hash it; a refusal is a field error like ours, an
    /// unreachable Auth a 503. Asked for every registration, so a weak password gets the same 400 whoever registers.
    /// </summary>
    public async Task<string> HashPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync("internal/auth/password-hashes", new PasswordHashRequest(email, password), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unavailable();
        }

        using (response)
        {
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<PasswordHashResponse>(cancellationToken) is { } hashed)
            {
                return hashed.PasswordHash;
            }

            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                // Auth's password policy is stricter than ours; its verdict becomes a field error like ours.
                new RequestValidation().Require(false, "password", "The password does not meet the password policy.").ThrowIfInvalid();
            }

            throw Unavailable();
        }
    }

    /// <summary>Whether <paramref name="password"/> is the user's current password; an unreachable Auth is a 503.</summary>
    public async Task<bool> CheckPasswordAsync(string userId, string email, string password, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(
                $"internal/auth/credentials/{Uri.EscapeDataString(userId)}/password-checks", new PasswordCheckRequest(email, password), cancellationToken);
            return response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<PasswordCheckResponse>(cancellationToken) is { } check
                ? check.Matches
                : throw Unavailable();
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unavailable();
        }
    }

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
                throw UserProblems.EmailTaken.Exception();
            }

            throw Unavailable();
        }
    }

    /// <summary>
    /// Deletes the login credential; a credential already gone counts as deleted, so an interrupted erasure can be repeated.
    /// DELETE is idempotent, so it is retried here (the client's own retry is off for unsafe methods).
    /// </summary>
    public async Task DeleteCredentialAsync(string userId, string email, CancellationToken cancellationToken)
    {
        var path = QueryHelpers.AddQueryString($"internal/auth/credentials/{Uri.EscapeDataString(userId)}", "email", email);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await http.DeleteAsync(path, cancellationToken);
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Retried below; the caller gets a 503 after the last attempt.
            }

            if (attempt == 3)
            {
                throw UserProblems.AuthUnavailable.Exception("Erasure is temporarily unavailable; nothing was erased, please try again.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
        }
    }

    private static ProblemException Unavailable() =>
        UserProblems.AuthUnavailable.Exception("Registration is temporarily unavailable; please try again.");
}
