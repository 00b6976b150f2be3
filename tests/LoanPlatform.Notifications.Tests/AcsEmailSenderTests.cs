using System.Collections.Concurrent;
using System.Text.Json;
using LoanPlatform.Notifications.Email;
using LoanPlatform.Notifications.Model;
using LoanPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.Notifications.Tests;

/// <summary>
/// The ACS Email adapter against a local HTTP fake of the remote service (only the service is faked): the request shape,
/// the Entra bearer token and the Operation-Location polling of the documented REST API (api-version 2023-03-31).
/// </summary>
public sealed class AcsEmailSenderTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Method, string PathAndQuery, string? Authorization, string? OperationId, string Body)> _requests = new();
    private WebApplication _fake = null!;
    private string _finalStatus = "Succeeded";
    private int _polls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{LoopbackPorts.FindFree()}");
        _fake = builder.Build();
        _fake.MapPost("/emails:send", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            Record(context, await reader.ReadToEndAsync());
            context.Response.Headers["Operation-Location"] = $"{_fake.Urls.First()}/emails/operations/op-1?api-version=2023-03-31";
            context.Response.Headers.RetryAfter = "0";
            return Results.Json(new { id = "op-1", status = "Running" }, statusCode: 202);
        });
        _fake.MapGet("/emails/operations/{id}", (HttpContext context, string id) =>
        {
            Record(context, "");
            return Interlocked.Increment(ref _polls) < 2
                ? Results.Json(new { id, status = "Running" })
                : Results.Json(new { id, status = _finalStatus, error = _finalStatus == "Failed" ? new { code = "RecipientRejected", message = "no" } : null });
        });
        await _fake.StartAsync();
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Sends_the_documented_request_with_a_bearer_token_and_polls_until_succeeded()
    {
        var credential = new StaticTokenCredential("entra-token");
        var messageId = Guid.NewGuid().ToString("N");

        await Sender(credential).SendAsync(new EmailMessage(messageId, "siti@example.com", "id", "Pinjaman Anda disetujui", "Halo Siti"), _ => Task.CompletedTask, default);

        var send = _requests.First();
        Assert.Equal("POST", send.Method);
        Assert.Equal("/emails:send?api-version=2023-03-31", send.PathAndQuery);
        Assert.Equal("Bearer entra-token", send.Authorization);
        Assert.Equal(Guid.ParseExact(messageId, "N").ToString("D"), send.OperationId);
        using var body = JsonDocument.Parse(send.Body);
        Assert.Equal("DoNotReply@loanplatform.example", body.RootElement.GetProperty("senderAddress").GetString());
        Assert.Equal("siti@example.com", body.RootElement.GetProperty("recipients").GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("Pinjaman Anda disetujui", body.RootElement.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal("Halo Siti", body.RootElement.GetProperty("content").GetProperty("plainText").GetString());

        Assert.All(_requests.Skip(1), poll => Assert.Equal(("GET", "Bearer entra-token"), (poll.Method, poll.Authorization)));
        Assert.Equal(2, _polls);
        Assert.All(credential.RequestedScopes, scope => Assert.Equal("https://communication.azure.com/.default", scope));
    }

    [Fact]
    public async Task A_failed_operation_is_an_error_so_the_queue_retries_it()
    {
        _finalStatus = "Failed";
        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sender(new StaticTokenCredential("t")).SendAsync(new EmailMessage(Guid.NewGuid().ToString("N"), "a@example.com", "en", "s", "b"), _ => Task.CompletedTask, default));
        Assert.Contains("RecipientRejected", error.Message, StringComparison.Ordinal);
    }

    private AcsEmailSender Sender(StaticTokenCredential credential) => new(
        new HttpClient(),
        credential,
        new AcsEmailOptions { Endpoint = new Uri(_fake.Urls.First()), Sender = "DoNotReply@loanplatform.example", PollInterval = TimeSpan.FromMilliseconds(10) },
        TimeProvider.System);

    private void Record(HttpContext context, string body) => _requests.Enqueue((
        context.Request.Method,
        context.Request.Path + context.Request.QueryString,
        context.Request.Headers.Authorization.FirstOrDefault(),
        context.Request.Headers["Operation-Id"].FirstOrDefault(),
        body));
}
