using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Objects;
using LoanPlatform.Users.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Kyc.Verihubs;

/// <summary>
/// Verihubs e-KYC in two documented calls, both with the <c>App-ID</c> and <c>API-Key</c> headers:
/// <list type="number">
/// <item>ID Verification (docs.verihubs.com/docs/id-verification-request-response):
/// <c>POST /data-verification/id-verification/verify</c> with <c>{nik, name, birth_date: DD-MM-YYYY, reference_id}</c>;
/// the answer says per field whether Dukcapil agrees. A contradicted field is a conclusive mismatch.</item>
/// <item>Face Compare (docs.verihubs.com/docs/compare): <c>POST /v1/face/compare</c> with <c>image_1</c> (the sealed KTP)
/// and <c>image_2</c> (the sealed selfie) as base64, at most 5 MB each; the answer carries the similarity (0–100) and
/// its <c>similarity_status</c>. At or above <see cref="VerihubsOptions.FaceMatchThreshold"/> the faces match; below
/// <see cref="VerihubsOptions.FaceMismatchBelow"/> they conclusively do not; in between people look.</item>
/// </list>
/// Only registry agreement on all three fields AND a face match verifies. Every other answer (400 such as
/// FACE_NOT_DETECTED, 401, 403 quota, 429, 5xx, a timeout, an unreadable body, a missing photo) is inconclusive.
/// </summary>
public sealed class VerihubsKycProvider(
    HttpClient http, IDocumentObjectStore objects, IOptions<KycOptions> options, TimeProvider time, ILogger<VerihubsKycProvider> logger) : IKycProvider
{
    public const string Name = "verihubs";
    public const string VerifyPath = "/data-verification/id-verification/verify";
    public const string FaceComparePath = "/v1/face/compare";

    /// <summary>Face Compare's documented per-image limit; a larger photo is not sent.</summary>
    public const long MaxImageBytes = 5 * 1024 * 1024;

    public async Task<AutomatedKycCheck?> CheckAsync(KycApplicant applicant, CancellationToken cancellationToken)
    {
        var referenceId = Guid.CreateVersion7().ToString("N");
        var registry = await PostAsync<VerifyResponse>(VerifyPath, new VerifyRequest(
            applicant.Nik, applicant.FullName, applicant.DateOfBirth.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), referenceId), cancellationToken);
        if (registry.Failure is { } failure || registry.Body?.Data is not { } data)
        {
            return Check(AutomatedKycOutcome.Inconclusive, [registry.Failure ?? KycReasons.ProviderUnavailable], referenceId);
        }

        var reference = data.Id ?? referenceId;

        // An unknown NIK makes the other fields meaningless; otherwise each contradicted field is a reason of its own.
        string[] contradicted = !data.Nik
            ? [KycReasons.NikNotFound]
            : [.. new[] { (data.Name, KycReasons.NameMismatch), (data.BirthDate, KycReasons.BirthDateMismatch) }.Where(f => !f.Item1).Select(f => f.Item2)];
        if (contradicted.Length > 0)
        {
            // Conclusive already: the face call would be billed for nothing.
            return Check(AutomatedKycOutcome.Mismatch, contradicted, reference);
        }

        // The registry data of a leaked NIK matches too: only the face tells whether this is its owner.
        var face = await CompareFacesAsync(applicant, cancellationToken);
        return face switch
        {
            KycReasons.FaceMatched => Check(AutomatedKycOutcome.Match, [KycReasons.RegistryDataMatched, KycReasons.FaceMatched], reference),
            KycReasons.FaceMismatch => Check(AutomatedKycOutcome.Mismatch, [KycReasons.FaceMismatch], reference),
            _ => Check(AutomatedKycOutcome.Inconclusive, [KycReasons.RegistryDataMatched, face], reference),
        };
    }

    /// <summary>Compares the sealed selfie with the sealed KTP: face-matched, face-mismatch, or why there is no conclusion.</summary>
    private async Task<string> CompareFacesAsync(KycApplicant applicant, CancellationToken cancellationToken)
    {
        var ktp = await ReadBase64Async(applicant.KtpObjectKey, cancellationToken);
        var selfie = await ReadBase64Async(applicant.SelfieObjectKey, cancellationToken);
        if (ktp is null || selfie is null)
        {
            logger.LogWarning("The KTP or selfie photo is missing or larger than Verihubs accepts; the faces go to people");
            return KycReasons.FaceNotCompared;
        }

        // Liveness, attributes and quality are off: image_1 is a photo of a card, which a liveness check would call a spoof,
        // and only the similarity decides here.
        var answer = await PostAsync<FaceCompareResponse>(FaceComparePath, new FaceCompareRequest(ktp, selfie, false, false, false), cancellationToken);
        if (answer.Failure is { } failure)
        {
            return answer.Body?.ErrorCode == "FACE_NOT_DETECTED" ? KycReasons.FaceNotCompared : failure;
        }

        var settings = options.Value.Verihubs;
        return answer.Body?.Data switch
        {
            { Similarity: { } similarity, SimilarityStatus: not false } when similarity >= settings.FaceMatchThreshold => KycReasons.FaceMatched,
            { Similarity: { } similarity } when similarity < settings.FaceMismatchBelow => KycReasons.FaceMismatch,
            { Similarity: not null } => KycReasons.FaceInconclusive,
            _ => KycReasons.ProviderUnavailable,
        };
    }

    private async Task<string?> ReadBase64Async(string? objectKey, CancellationToken cancellationToken)
    {
        if (objectKey is null)
        {
            return null;
        }

        await using var stored = await objects.OpenReadAsync(objectKey, cancellationToken);
        if (stored is null || stored.SizeBytes > MaxImageBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)stored.SizeBytes);
        await stored.Content.CopyToAsync(buffer, cancellationToken);
        return Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>One call, bounded by the configured timeout; a non-200 answer or a transport failure is a reason code.</summary>
    private async Task<(T? Body, string? Failure)> PostAsync<T>(string path, object body, CancellationToken cancellationToken)
        where T : class
    {
        var settings = options.Value.Verihubs;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.BaseUrl, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("App-ID", settings.AppId);
        request.Headers.Add("API-Key", settings.ApiKey);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var answer = await ReadAsync<T>(response, timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (answer, null);
            }

            var reason = ReasonFor(response.StatusCode);
            logger.LogWarning("Verihubs {Path} gave no conclusion ({Reason}, HTTP {Status}); the customer goes to review", path, reason, (int)response.StatusCode);
            return (answer, reason);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Verihubs {Path} did not answer within {Timeout}; the customer goes to review", path, settings.Timeout);
            return (null, KycReasons.ProviderTimeout);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            logger.LogWarning("Verihubs {Path} could not be reached or answered unreadably ({Error}); the customer goes to review", path, e.GetType().Name);
            return (null, KycReasons.ProviderUnavailable);
        }
    }

    // Error bodies are JSON too (error_code); one that is not still leaves the status to decide.
    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException) when (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }
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

    private sealed record FaceCompareRequest(
        [property: JsonPropertyName("image_1")] string Image1,
        [property: JsonPropertyName("image_2")] string Image2,
        [property: JsonPropertyName("is_liveness")] bool IsLiveness,
        [property: JsonPropertyName("is_attribute")] bool IsAttribute,
        [property: JsonPropertyName("is_quality")] bool IsQuality);

    private sealed record FaceCompareResponse(
        [property: JsonPropertyName("data")] FaceCompareData? Data,
        [property: JsonPropertyName("error_code")] string? ErrorCode);

    private sealed record FaceCompareData(
        [property: JsonPropertyName("similarity_status")] bool? SimilarityStatus,
        [property: JsonPropertyName("similarity")] double? Similarity);
}
