using LoanPlatform.Notifications.Model;
using LoanPlatform.Notifications.Push;
using LoanPlatform.Testing.Fcm;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Notifications.Tests;

/// <summary>
/// The FCM adapter against a loopback stand-in for Google's token endpoint and FCM, which checks the service account's
/// signed assertion, the access token it issued and the message's shape: only a correctly authorised, well-formed send
/// gets through.
/// </summary>
public sealed class FcmSenderTests : IAsyncLifetime
{
    private static readonly PushNotification Approved = new("event-1", "LoanApproved", "id", "Pinjaman Anda disetujui", "Buka aplikasi untuk melihat jadwal angsuran Anda, Siti.", "/loans/loan-1");

    private FcmStandIn _fcm = null!;

    public async Task InitializeAsync() => _fcm = await FcmStandIn.StartAsync();

    public async Task DisposeAsync() => await _fcm.DisposeAsync();

    [Fact]
    public async Task A_push_arrives_with_the_short_texts_the_data_to_open_it_and_high_priority()
    {
        var token = FcmStandIn.NewRegistrationToken();

        var result = await Sender().SendAsync(Device(token), Approved, default);

        Assert.Equal(PushDeliveryResult.Delivered, result);
        Assert.Empty(_fcm.Refusals);
        var received = Assert.Single(_fcm.Received);
        Assert.Equal(token, received.RegistrationToken);
        Assert.Equal("Pinjaman Anda disetujui", received.Title);
        Assert.Equal(Approved.Body, received.Body);
        Assert.Equal(new Dictionary<string, string> { ["id"] = "event-1", ["type"] = "LoanApproved", ["path"] = "/loans/loan-1" }, received.Data);
        Assert.Equal(("high", "86400s", "10"), (received.AndroidPriority, received.AndroidTtl, received.ApnsPriority));
    }

    [Fact]
    public async Task Several_sends_share_one_access_token()
    {
        var sender = Sender();

        foreach (var _ in Enumerable.Range(0, 3))
        {
            Assert.Equal(PushDeliveryResult.Delivered, await sender.SendAsync(Device(FcmStandIn.NewRegistrationToken()), Approved with { Path = null }, default));
        }

        Assert.Equal(1, _fcm.TokenRequests);
        Assert.Equal(3, _fcm.Received.Count);
        Assert.All(_fcm.Received, received => Assert.False(received.Data.ContainsKey("path")));
    }

    [Fact]
    public async Task A_token_close_to_expiry_is_renewed_before_it_is_used()
    {
        // Four minutes is inside the renewal margin: every send needs a fresh token.
        _fcm.AccessTokenLifetime = TimeSpan.FromMinutes(4);
        var sender = Sender();

        await sender.SendAsync(Device(FcmStandIn.NewRegistrationToken()), Approved, default);
        await sender.SendAsync(Device(FcmStandIn.NewRegistrationToken()), Approved, default);

        Assert.Equal(2, _fcm.TokenRequests);
        Assert.Equal(2, _fcm.Received.Count);
    }

    [Fact]
    public async Task A_token_FCM_refuses_is_thrown_away_so_the_retry_gets_a_new_one()
    {
        var sender = Sender();
        var device = Device(FcmStandIn.NewRegistrationToken());
        await sender.SendAsync(device, Approved, default);
        _fcm.RevokeAccessTokens();

        await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(device, Approved, default));
        Assert.Equal(PushDeliveryResult.Delivered, await sender.SendAsync(device, Approved, default));
        Assert.Equal(2, _fcm.TokenRequests);
    }

    public static TheoryData<int, string, PushDeliveryResult> Answers() => new()
    {
        { 404, FcmStandIn.Error(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED"), PushDeliveryResult.SubscriptionGone },
        { 404, "", PushDeliveryResult.SubscriptionGone },
        { 400, FcmStandIn.Error(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token", field: "message.token"), PushDeliveryResult.SubscriptionGone },
        { 400, FcmStandIn.Error(400, "INVALID_ARGUMENT", "Invalid value at 'message.token'", field: "message.token"), PushDeliveryResult.SubscriptionGone },
        { 400, FcmStandIn.Error(400, "FAILED_PRECONDITION", "Requested entity was not found.", "UNREGISTERED"), PushDeliveryResult.SubscriptionGone },
        { 400, FcmStandIn.Error(400, "INVALID_ARGUMENT", "Invalid value at 'message.android.ttl'", field: "message.android.ttl"), PushDeliveryResult.Refused },
        { 400, "not json", PushDeliveryResult.Refused },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task FCMs_answer_says_whether_the_device_is_gone_or_the_message_refused(int status, string body, PushDeliveryResult expected)
    {
        var token = FcmStandIn.NewRegistrationToken();
        _fcm.AnswerWith(token, status, body);

        Assert.Equal(expected, await Sender().SendAsync(Device(token), Approved, default));
    }

    [Theory]
    [InlineData(401, "UNAUTHENTICATED")]
    [InlineData(403, "PERMISSION_DENIED")]
    [InlineData(429, "RESOURCE_EXHAUSTED")]
    [InlineData(500, "INTERNAL")]
    [InlineData(503, "UNAVAILABLE")]
    public async Task A_refused_sender_or_a_busy_or_failing_FCM_throws_so_the_queue_retries(int status, string code)
    {
        var token = FcmStandIn.NewRegistrationToken();
        _fcm.AnswerWith(token, status, FcmStandIn.Error(status, code, "try later"));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sender().SendAsync(Device(token), Approved, default));
        Assert.Equal(status, (int?)error.StatusCode);
    }

    [Fact]
    public async Task A_service_account_the_token_endpoint_does_not_know_throws()
    {
        await using var other = await FcmStandIn.StartAsync();
        // Another account's key, but this stand-in's token endpoint: the signature does not verify.
        var json = other.ServiceAccountJson.Replace(other.TokenUri, _fcm.TokenUri, StringComparison.Ordinal);

        await Assert.ThrowsAsync<HttpRequestException>(() => Sender(json).SendAsync(Device(FcmStandIn.NewRegistrationToken()), Approved, default));
        Assert.Contains(_fcm.Refusals, reason => reason.StartsWith("token: assertion invalid", StringComparison.Ordinal));
        Assert.Empty(_fcm.Received);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("""{"client_email":"a@b.c","token_uri":"https://oauth2.googleapis.com/token"}""")]
    [InlineData("""{"client_email":"a@b.c","private_key":"not a pem","token_uri":"https://oauth2.googleapis.com/token"}""")]
    public void FCM_without_a_usable_service_account_key_refuses_to_start(string? json)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new GoogleAccessTokens(new HttpClient(), json, TimeProvider.System));
        Assert.DoesNotContain("private_key\":", error.Message, StringComparison.Ordinal);
    }

    private FcmSender Sender(string? serviceAccountJson = null)
    {
        var options = Options.Create(new PushOptions
        {
            Provider = PushProvider.Remote,
            Fcm = new FcmOptions { ProjectId = FcmStandIn.ProjectId, ServiceAccountJson = serviceAccountJson ?? _fcm.ServiceAccountJson, Endpoint = new Uri(_fcm.Origin) },
        });
        return new FcmSender(new HttpClient(), new GoogleAccessTokens(new HttpClient(), options.Value.Fcm.ServiceAccountJson, TimeProvider.System), options);
    }

    private static PushDevice Device(string token) => new("device-1", null, null, null) { Type = PushDeviceTypes.Fcm, Token = token };
}
