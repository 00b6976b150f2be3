using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoanPlatform.Console.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace LoanPlatform.Console.Api;

/// <summary>
/// The public API through the gateway (API Management in Azure), called with the signed-in officer's own token: every
/// rule of the platform (roles, four eyes, conflict of interest, rate limits, audit) holds for the console as for any
/// client. A refusal comes back as an <see cref="ApiProblemException"/>.
/// </summary>
public sealed class PlatformApi(HttpClient http, IStaffTokenSource tokens, AuthenticationStateProvider authentication)
{
    public const string HttpClientName = "platform-api";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<LoanSummary>> GetQueueAsync(string status, string? waitingForRole, CancellationToken cancellationToken = default) =>
        await GetAsync<IReadOnlyList<LoanSummary>>(
            $"/loans?status={Uri.EscapeDataString(status)}" + (waitingForRole is null ? "" : $"&role={Uri.EscapeDataString(waitingForRole)}"), cancellationToken);

    public Task<LoanDetail> GetLoanAsync(string loanId, CancellationToken cancellationToken = default) =>
        GetAsync<LoanDetail>($"/loans/{Uri.EscapeDataString(loanId)}", cancellationToken);

    public Task<IReadOnlyList<LoanHistoryEntry>> GetHistoryAsync(string loanId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<LoanHistoryEntry>>($"/loans/{Uri.EscapeDataString(loanId)}/history", cancellationToken);

    public Task<LoanSchedule> GetScheduleAsync(string loanId, CancellationToken cancellationToken = default) =>
        GetAsync<LoanSchedule>($"/loans/{Uri.EscapeDataString(loanId)}/schedule", cancellationToken);

    public Task DecideLoanAsync(string loanId, LoanDecision decision, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/loans/{Uri.EscapeDataString(loanId)}/decisions", decision, cancellationToken);

    public Task<KycReviewPage> GetKycReviewsAsync(string? continuationToken, CancellationToken cancellationToken = default) =>
        GetAsync<KycReviewPage>(
            $"/users/kyc-reviews?status={KycStatuses.PendingReview}" + (continuationToken is null ? "" : $"&continuationToken={Uri.EscapeDataString(continuationToken)}"),
            cancellationToken);

    public Task<KycCase> GetKycAsync(string userId, CancellationToken cancellationToken = default) =>
        GetAsync<KycCase>($"/users/{Uri.EscapeDataString(userId)}/kyc", cancellationToken);

    public Task DecideKycAsync(string userId, KycDecision decision, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/users/{Uri.EscapeDataString(userId)}/kyc/decisions", decision, cancellationToken);

    /// <summary>
    /// One page of matching records, oldest first, continuing after <paramref name="continuation"/> (the previous page's
    /// <see cref="AuditEntryPage.Next"/>); a page may hold fewer than <paramref name="pageSize"/> and still have a next one.
    /// </summary>
    public Task<AuditEntryPage> SearchAuditAsync(string? subject, DateTimeOffset? from, DateTimeOffset? to, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { "limit=" + pageSize.ToString(CultureInfo.InvariantCulture) };
        if (!string.IsNullOrWhiteSpace(subject))
        {
            query.Add("subject=" + Uri.EscapeDataString(subject.Trim()));
        }

        if (from is { } start)
        {
            query.Add("from=" + Uri.EscapeDataString(start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (to is { } end)
        {
            query.Add("to=" + Uri.EscapeDataString(end.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (continuation is not null)
        {
            query.Add("continuation=" + Uri.EscapeDataString(continuation));
        }

        return GetAsync<AuditEntryPage>("/audit?" + string.Join('&', query), cancellationToken);
    }

    public Task<AuditVerdict> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        GetAsync<AuditVerdict>("/audit/verify", cancellationToken);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new ApiProblemException(response.StatusCode, null, "The API answered with an empty body.", path);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : JsonContent.Create(body, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(user, cancellationToken));
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ProblemOfAsync(response, cancellationToken);
        }
    }

    private static async Task<ApiProblemException> ProblemOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? type = null, title = null, detail = null;
        try
        {
            if (JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) is JsonObject problem)
            {
                type = (problem["type"]?.GetValue<string>())?.Split('/')[^1];
                title = problem["title"]?.GetValue<string>();
                detail = problem["detail"]?.GetValue<string>();
            }
        }
        catch (JsonException)
        {
            // Not a problem document (e.g. a proxy's page): the status alone is told.
        }

        return new ApiProblemException(response.StatusCode, type, title ?? DefaultTitle(response.StatusCode), detail);
    }

    private static string DefaultTitle(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Your session has ended; sign in again.",
        HttpStatusCode.Forbidden => "Your role does not allow this.",
        HttpStatusCode.NotFound => "Not found.",
        HttpStatusCode.TooManyRequests => "Too many requests; wait a moment and retry.",
        _ => $"The API answered {(int)status} {status}.",
    };

    /// <summary>The signed-in officer, for the screens' own checks (the API stays the judge).</summary>
    public async Task<ClaimsPrincipal> CurrentUserAsync() => (await authentication.GetAuthenticationStateAsync()).User;
}
