using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure.Core;
using LoanPlatform.Notifications.Model;

namespace LoanPlatform.Notifications.Email;

/// <summary>
/// Azure Communication Services Email over its REST API (the SDK is not available here): POST
/// {endpoint}/emails:send?api-version=2023-03-31 with an Entra token for https://communication.azure.com/.default, then
/// poll the Operation-Location until the operation Succeeded or Failed. The Operation-Id header is derived from the event,
/// so a retried send is the same operation and the customer gets one email.
/// </summary>
public sealed class AcsEmailSender(HttpClient http, TokenCredential credential, AcsEmailOptions options, TimeProvider time) : IEmailSender
{
    public const string ApiVersion = "2023-03-31";
    public static readonly string[] Scopes = ["https://communication.azure.com/.default"];

    /// <summary>ACS treats a second send under the same Operation-Id as the same operation.</summary>
    public bool DropsRepeats => true;

    public async Task SendAsync(EmailMessage message, Func<CancellationToken, Task> handingOver, CancellationToken cancellationToken)
    {
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("Email:Acs:Endpoint is required for the Acs provider.");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, $"/emails:send?api-version={ApiVersion}"))
        {
            Content = JsonContent.Create(new SendEmailRequest(
                options.Sender ?? throw new InvalidOperationException("Email:Acs:Sender is required for the Acs provider."),
                new Recipients([new EmailAddress(message.To)]),
                new EmailContent(message.Subject, message.Body))),
        };
        request.Headers.Add("Operation-Id", OperationId(message.MessageId));
        await AuthorizeAsync(request, cancellationToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"ACS Email refused the send: {(int)response.StatusCode} {await ErrorCodeAsync(response, cancellationToken)}.", null, response.StatusCode);
        }

        var operation = response.Headers.TryGetValues("Operation-Location", out var locations) ? new Uri(locations.First())
            : throw new HttpRequestException("ACS Email accepted the send without an Operation-Location.");
        await PollAsync(operation, RetryAfter(response), cancellationToken);
    }

    private async Task PollAsync(Uri operation, TimeSpan delay, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Timeout;
        while (true)
        {
            await Task.Delay(delay, time, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, operation);
            await AuthorizeAsync(request, cancellationToken);
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var status = await response.Content.ReadFromJsonAsync<OperationStatus>(cancellationToken)
                ?? throw new HttpRequestException("ACS Email answered the poll without a body.");
            switch (status.Status)
            {
                case "Succeeded":
                    return;
                case "Failed" or "Canceled":
                    throw new HttpRequestException($"ACS Email could not send: {status.Status} {status.Error?.Code}.");
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"ACS Email operation {status.Id} still {status.Status} after {options.Timeout}.");
            }

            delay = RetryAfter(response);
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
    }

    private TimeSpan RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta ?? options.PollInterval;

    /// <summary>ACS wants a GUID; event ids are GUIDs in "N" form, other ids are hashed into one.</summary>
    public static string OperationId(string messageId) =>
        (Guid.TryParseExact(messageId, "N", out var id) ? id : new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageId)).AsSpan(0, 16))).ToString("D");

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<ErrorResponse>(cancellationToken))?.Error?.Code;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record SendEmailRequest(string SenderAddress, Recipients Recipients, EmailContent Content);

    private sealed record Recipients(IReadOnlyList<EmailAddress> To);

    private sealed record EmailAddress(string Address);

    private sealed record EmailContent(string Subject, string PlainText);

    private sealed record OperationStatus(string Id, string Status, ErrorDetail? Error);

    private sealed record ErrorResponse(ErrorDetail? Error);

    private sealed record ErrorDetail(string? Code, string? Message);
}
