using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace LoanPlatform.Testing.Platform;

/// <summary>
/// Drives the public API through the gateway the way a mobile app would, with small helpers for the common steps;
/// <paramref name="inbox"/> is where the platform's emails land (registration codes are read from it).
/// </summary>
public sealed class PlatformClient(HttpClient http, EmailInbox? inbox = null) : IDisposable
{
    private static int _sequence = Random.Shared.Next(1000, 9000);

    public HttpClient Http => http;

    /// <summary>Where this platform's emails land; an SMTP capture's folder when the test sends through SMTP.</summary>
    public EmailInbox Inbox { get; set; } = inbox ?? new EmailInbox(Path.Combine(Path.GetTempPath(), "no-inbox"));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body is string raw ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await http.SendAsync(request);
    }

    public async Task<JsonNode> SendOkAsync(HttpMethod method, string path, object? body = null, string? token = null, IDictionary<string, string>? headers = null)
    {
        using var response = await SendAsync(method, path, body, token, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public async Task<string> LoginAsync(string email, string password) =>
        (await SendOkAsync(HttpMethod.Post, "/auth/login", new { email, password }))["accessToken"]!.GetValue<string>();

    public Task<string> LoginStaffAsync(string email) => LoginAsync(email, RunningPlatform.StaffPassword);

    public sealed record Customer(string UserId, string Email, string Password, string Token);

    public const string CustomerPassword = "correct-horse-battery-staple";

    /// <summary>
    /// Registers a new customer with a valid NIK (Jakarta, born 5 June 1990, female) and signs in: starts the
    /// registration, reads the six-digit code from the email the platform sends, verifies it. No language means the
    /// default. <paramref name="headers"/> go with the registration calls (e.g. an X-Correlation-Id).
    /// </summary>
    public Task<Customer> RegisterAsync(string? language = null, IDictionary<string, string>? headers = null) =>
        RegisterAsync(NewRegistration(language), headers);

    /// <summary>Registers the person <paramref name="registration"/> describes (see <see cref="NewRegistration"/>) and signs in.</summary>
    public async Task<Customer> RegisterAsync(Dictionary<string, object?> registration, IDictionary<string, string>? headers = null)
    {
        var email = (string)registration["email"]!;
        using (var started = await SendAsync(HttpMethod.Post, "/users", registration, headers: headers))
        {
            var text = await started.Content.ReadAsStringAsync();
            Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"POST /users answered {(int)started.StatusCode}: {text}");
            Assert.Equal("verificationSent", JsonNode.Parse(text)!["status"]!.GetValue<string>());
        }

        var code = await Inbox.WaitForVerificationCodeAsync(email);
        var registered = await SendOkAsync(HttpMethod.Post, "/users/verify", new { email, code }, headers: headers);
        var password = (string)registration["password"]!;
        return new Customer(registered["userId"]!.GetValue<string>(), email, password, await LoginAsync(email, password));
    }

    /// <summary>A well-formed registration body for a new person: fresh email, phone and NIK (Jakarta, born 5 June 1990, female).</summary>
    public static Dictionary<string, object?> NewRegistration(string? language = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        return new Dictionary<string, object?>
        {
            ["fullName"] = "Siti Rahayu",
            ["email"] = $"customer{n}-{Guid.NewGuid():N}@example.com",
            ["phone"] = $"0812{Random.Shared.Next(10000000, 99999999)}",
            // Serial 0001–9999: "0000" is not a valid serial.
            ["nik"] = $"317107450690{1 + (n % 9999):0000}",
            ["dateOfBirth"] = "1990-06-05",
            ["password"] = CustomerPassword,
            ["consent"] = new { accepted = true, version = "2025-01" },
            ["language"] = language,
        };
    }

    /// <summary>The staff account that verifies customers' KYC in tests: an Admin, who approves no loan in them.</summary>
    public const string KycReviewer = "admin@staff.local";

    /// <summary>
    /// Makes <paramref name="customer"/> KYC-verified the real way: uploads a KTP and a selfie through the signed URLs the
    /// backend hands out, completes both (the customer is then pendingReview), and has <see cref="KycReviewer"/> verify them
    /// through the staff API. <paramref name="headers"/> go with each API call.
    /// </summary>
    public async Task VerifyKtpAsync(Customer customer, IDictionary<string, string>? headers = null)
    {
        await UploadIdentityDocumentsAsync(customer, headers);
        var reviewer = await LoginStaffAsync(KycReviewer);
        var decided = await SendOkAsync(HttpMethod.Post, $"/users/{customer.UserId}/kyc/decisions", new { decision = "verify" }, reviewer, headers);
        Assert.Equal("verified", decided["status"]!.GetValue<string>());
    }

    /// <summary>
    /// Uploads a KTP and a selfie through the signed URLs the backend hands out and completes both (each passes its file
    /// checks); returns the document ids and the bytes uploaded, KTP first.
    /// </summary>
    public async Task<IReadOnlyList<(string DocumentId, byte[] Content)>> UploadIdentityDocumentsAsync(Customer customer, IDictionary<string, string>? headers = null)
    {
        var documents = new List<(string, byte[])>();
        foreach (var type in new[] { "ktp", "selfie" })
        {
            // A real JPEG: the backend checks the file signature, not just the checksum.
            var image = SampleImages.Jpeg;
            var requested = await SendOkAsync(HttpMethod.Post, "/users/me/documents", new
            {
                type,
                contentType = "image/jpeg",
                sizeBytes = image.Length,
                sha256 = Convert.ToHexStringLower(SHA256.HashData(image)),
            }, customer.Token, headers);
            var upload = requested["upload"]!;
            using var put = new HttpRequestMessage(new HttpMethod(upload["method"]!.GetValue<string>()), upload["url"]!.GetValue<string>())
            {
                Content = new ByteArrayContent(image),
            };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            using var uploaded = await http.SendAsync(put);
            Assert.True(uploaded.IsSuccessStatusCode, $"upload answered {(int)uploaded.StatusCode}");
            var completed = await SendOkAsync(HttpMethod.Post, $"/users/me/documents/{requested["documentId"]}/complete", null, customer.Token, headers);
            Assert.Equal("verified", completed["status"]!.GetValue<string>());
            documents.Add((requested["documentId"]!.GetValue<string>(), image));
        }

        return documents;
    }

    public async Task<Customer> RegisterVerifiedCustomerAsync(string? language = null)
    {
        var customer = await RegisterAsync(language);
        await VerifyKtpAsync(customer);
        return customer;
    }

    public Task<HttpResponseMessage> ApplyAsync(string token, long amount, int tenorMonths = 12, string? idempotencyKey = null, long monthlyIncome = 40_000_000) =>
        SendAsync(HttpMethod.Post, "/loans", new { amount, tenorMonths, purpose = "Renovasi rumah", monthlyIncome }, token,
            new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey ?? Guid.NewGuid().ToString() });

    public async Task<string> ApplyOkAsync(string token, long amount, int tenorMonths = 12)
    {
        using var response = await ApplyAsync(token, amount, tenorMonths);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!["loanId"]!.GetValue<string>();
    }

    /// <summary>Polls the loan until <paramref name="until"/> holds; orchestration steps are asynchronous by design.</summary>
    public async Task<JsonNode> WaitForLoanAsync(string loanId, string token, Func<JsonNode, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        JsonNode loan;
        do
        {
            loan = await SendOkAsync(HttpMethod.Get, $"/loans/{loanId}", null, token);
            if (until(loan))
            {
                return loan;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Loan {loanId} did not reach the expected state; last seen: {loan.ToJsonString()}");
    }

    public Task<JsonNode> WaitForStatusAsync(string loanId, string token, string status, TimeSpan? timeout = null) =>
        WaitForLoanAsync(loanId, token, loan => loan["status"]!.GetValue<string>() == status, timeout);

    public static async Task<JsonObject> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        return problem;
    }

    public static string TypeOf(JsonObject problem) => problem["type"]!.GetValue<string>().Split('/')[^1];

    public void Dispose() => http.Dispose();
}
