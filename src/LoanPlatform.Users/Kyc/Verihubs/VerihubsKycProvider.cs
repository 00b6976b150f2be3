using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Kyc.Verihubs;

/// <summary>
/// Verihubs ID Verification (docs.verihubs.com, "ID Verification" → "API Request &amp; Response"):
/// <c>POST /data-verification/id-verification/verify</c> with <c>App-ID</c> and <c>API-Key</c> headers and
/// <c>{nik, name, birth_date: DD-MM-YYYY, reference_id}</c>; the answer says per field whether Dukcapil agrees.
/// A field Dukcapil contradicts is a conclusive mismatch. Agreement on all three is not a verification: the data of a
/// leaked NIK agrees too, and this check never compares the selfie with the KTP photo, so people still look at the faces.
/// Every other answer (400, 401, 403 quota, 429, 5xx, a timeout, an unreadable body) is inconclusive.
/// </summary>
public sealed class VerihubsKycProvider(HttpClient http, IOptions<KycOptions> options, TimeProvider time, ILogger<VerihubsKycProvider> logger) : IKycProvider
{
    public const string Name = "verihubs";
    public const string VerifyPath = "/data-verification/id-verification/verify";

    public async Task<AutomatedKycCheck?> CheckAsync(KycApplicant applicant, CancellationToken cancellationToken)
    {
        var settings = options.Value.Verihubs;
        var referenceId = Guid.CreateVersion7().ToString("N");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.BaseUrl, VerifyPath))
        {
            Content = JsonContent.Create(new VerifyRequest(
                applicant.Nik, applicant.FullName, applicant.DateOfBirth.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), referenceId)),
        };
        request.Headers.Add("App-ID", settings.AppId);
        request.Headers.Add("API-Key", settings.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return response.StatusCode == HttpStatusCode.OK
                ? Conclude((await response.Content.ReadFromJsonAsync<VerifyResponse>(timeout.Token))?.Data, referenceId)
                : Inconclusive(ReasonFor(response.StatusCode), referenceId, (int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Inconclusive(KycReasons.ProviderTimeout, referenceId, null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            logger.LogWarning("Verihubs could not be reached or answered unreadably ({Error}); the customer goes to review", e.GetType().Name);
            return Check(AutomatedKycOutcome.Inconclusive, [KycReasons.ProviderUnavailable], referenceId);
        }
    }

    private AutomatedKycCheck Conclude(VerifyData? data, string referenceId)
    {
        if (data is null)
        {
            return Check(AutomatedKycOutcome.Inconclusive, [KycReasons.ProviderUnavailable], referenceId);
        }

        // An unknown NIK makes the other fields meaningless; otherwise each contradicted field is a reason of its own.
        string[] contradicted = !data.Nik
            ? [KycReasons.NikNotFound]
            : [.. new[] { (data.Name, KycReasons.NameMismatch), (data.BirthDate, KycReasons.BirthDateMismatch) }.Where(f => !f.Item1).Select(f => f.Item2)];
        return contradicted.Length > 0
            ? Check(AutomatedKycOutcome.Mismatch, contradicted, data.Id ?? referenceId)
            : Check(AutomatedKycOutcome.Match, [KycReasons.RegistryDataMatched, KycReasons.FaceNotCompared], data.Id ?? referenceId);
    }

    private AutomatedKycCheck Inconclusive(string reason, string referenceId, int? status)
    {
        logger.LogWarning("Verihubs gave no conclusion ({Reason}, HTTP {Status}); the customer goes to review", reason, status);
        return Check(AutomatedKycOutcome.Inconclusive, [reason], referenceId);
    }

    private AutomatedKycCheck Check(AutomatedKycOutcome outcome, IReadOnlyList<string> reasons, string reference) =>
        new(Name, outcome, reasons, reference, time.GetUtcNow());

    private static string ReasonFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => KycReasons.ProviderRateLimited,
        HttpStatusCode.Forbidden => KycReasons.ProviderQuotaExhausted,
        HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized => KycReasons.ProviderRefused,
        _ => KycReasons.ProviderUnavailable,
    };

    private sealed record VerifyRequest(
        [property: JsonPropertyName("nik")] string Nik,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("birth_date")] string BirthDate,
        [property: JsonPropertyName("reference_id")] string ReferenceId);

    private sealed record VerifyResponse([property: JsonPropertyName("data")] VerifyData? Data);

    private sealed record VerifyData(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("nik")] bool Nik,
        [property: JsonPropertyName("name")] bool Name,
        [property: JsonPropertyName("birth_date")] bool BirthDate);
}
