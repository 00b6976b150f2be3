using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.BuildingBlocks.Security.ServiceIdentity;
using LoanPlatform.Gateway;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.EndToEnd.Tests;

/// <summary>
/// The platform's edges probed as an attacker would, through the local gateway and around it: forged Host, enumeration
/// by registration, calls that skip the gateway, internal endpoints called by the wrong service, response headers,
/// self-service unlock, and the modes of the files the platform keeps.
/// </summary>
public sealed class EdgeSecurityTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task A_forged_Host_does_not_change_the_addresses_the_discovery_document_publishes()
    {
        using var client = fixture.Running.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/.well-known/openid-configuration");
        request.Headers.Host = "evil.example";
        using var response = await client.Http.SendAsync(request);
        var discovery = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issuer = discovery["issuer"]!.GetValue<string>();
        Assert.Equal(issuer + "/.well-known/jwks.json", discovery["jwks_uri"]!.GetValue<string>());
        Assert.Equal(issuer + "/login", discovery["token_endpoint"]!.GetValue<string>());
        Assert.DoesNotContain("evil.example", discovery.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Registration_answers_a_taken_and_a_free_NIK_alike_even_in_time()
    {
        using var client = fixture.Running.CreateClient();
        var existing = PlatformClient.NewRegistration();
        await RegisterThroughEmailAsync(client, existing);

        var taken = new List<TimeSpan>();
        var free = new List<TimeSpan>();
        string? takenBody = null;
        // Alternating, so drift on a shared machine hits both alike; the first pair warms up and is not counted.
        for (var i = 0; i < 13; i++)
        {
            var withTakenNik = PlatformClient.NewRegistration();
            withTakenNik["nik"] = existing["nik"];
            var (takenTime, takenAnswer) = await TimedRegistrationAsync(client, withTakenNik);
            var (freeTime, freeAnswer) = await TimedRegistrationAsync(client, PlatformClient.NewRegistration());
            takenBody ??= takenAnswer;
            Assert.Equal(freeAnswer, takenAnswer);
            if (i > 0)
            {
                taken.Add(takenTime);
                free.Add(freeTime);
            }
        }

        Assert.StartsWith("202 {\"status\":\"verificationSent\"} [", takenBody);
        var (takenMedian, freeMedian) = (Median(taken), Median(free));
        var noise = TimeSpan.FromTicks(Math.Max(Spread(taken).Ticks, Spread(free).Ticks)) + TimeSpan.FromMilliseconds(15);
        Assert.True((takenMedian - freeMedian).Duration() <= noise,
            $"taken median {takenMedian.TotalMilliseconds:F1} ms, free median {freeMedian.TotalMilliseconds:F1} ms, noise {noise.TotalMilliseconds:F1} ms");
    }

    [Fact]
    public async Task The_owner_of_a_taken_email_is_told_and_nobody_can_verify_or_sign_in_with_it()
    {
        using var client = fixture.Running.CreateClient();
        var existing = PlatformClient.NewRegistration("en");
        await RegisterThroughEmailAsync(client, existing);
        var email = (string)existing["email"]!;

        var again = PlatformClient.NewRegistration();
        again["email"] = email.ToUpperInvariant();
        again["password"] = "an-attackers-own-password";
        using (var started = await client.SendAsync(HttpMethod.Post, "/users", again))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        var notice = await client.Inbox.WaitForAsync(email, message => message.Subject == "Someone tried to register with your details");
        Assert.DoesNotMatch(@"(?<!\d)\d{6}(?!\d)", notice.TextBody!);
        using var verify = await client.SendAsync(HttpMethod.Post, "/users/verify", new { email, code = "123456" });
        Assert.Equal("invalid-verification-code", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(verify, HttpStatusCode.BadRequest)));
        using var login = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email, password = "an-attackers-own-password" });
        Assert.Equal("invalid-credentials", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(login, HttpStatusCode.Unauthorized)));
    }

    [Fact]
    public async Task Before_verification_signing_in_fails_exactly_like_a_wrong_password()
    {
        using var client = fixture.Running.CreateClient();
        var registration = PlatformClient.NewRegistration();
        (await client.SendAsync(HttpMethod.Post, "/users", registration)).Dispose();
        var email = (string)registration["email"]!;
        await client.Inbox.WaitForVerificationCodeAsync(email);

        using var pending = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email, password = PlatformClient.CustomerPassword });
        using var wrong = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email = "nobody-" + email, password = PlatformClient.CustomerPassword });
        var (pendingProblem, wrongProblem) = (await PlatformClient.ReadProblemAsync(pending, HttpStatusCode.Unauthorized), await PlatformClient.ReadProblemAsync(wrong, HttpStatusCode.Unauthorized));
        Assert.Equal(
            (wrongProblem["type"]!.GetValue<string>(), wrongProblem["title"]!.GetValue<string>()),
            (pendingProblem["type"]!.GetValue<string>(), pendingProblem["title"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("users", "GET", "/health/ready")]
    [InlineData("users", "POST", "/users")]
    [InlineData("auth", "POST", "/auth/login")]
    [InlineData("loans", "GET", "/loans")]
    public async Task A_request_around_the_gateway_is_refused_unless_the_gateway_vouches_for_it(string service, string method, string path)
    {
        foreach (var proof in new string?[] { null, ServiceCallers.UsersService, ServiceCallers.NotificationsService })
        {
            using var direct = await fixture.Running.CreateDirectClientAsync(service, proof);
            using var refused = await direct.SendAsync(new HttpMethod(method), path, method == "POST" ? new { } : null);
            Assert.Equal("gateway-required", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(refused, HttpStatusCode.Forbidden)));
        }

        // The control: with the gateway's own token the service answers (whatever its answer to an empty request is).
        using var vouched = await fixture.Running.CreateDirectClientAsync(service, ServiceCallers.Gateway);
        using var answered = await vouched.SendAsync(new HttpMethod(method), path, method == "POST" ? new { } : null);
        Assert.NotEqual(HttpStatusCode.Forbidden, answered.StatusCode);
    }

    public static TheoryData<string, string, string, string> InternalEndpoints => new()
    {
        { GatewayRoutes.Auth, "POST", "/internal/auth/credentials", ServiceCallers.UsersService },
        { GatewayRoutes.Auth, "DELETE", "/internal/auth/credentials/nobody?email=nobody@example.com", ServiceCallers.UsersService },
        { GatewayRoutes.Auth, "POST", "/internal/auth/password-hashes", ServiceCallers.UsersService },
        { GatewayRoutes.Auth, "POST", "/internal/auth/credentials/nobody/password-checks", ServiceCallers.UsersService },
        { GatewayRoutes.Users, "GET", "/internal/users/nobody/eligibility", ServiceCallers.LoansService },
        { GatewayRoutes.Users, "GET", "/internal/users/nobody/contact", ServiceCallers.NotificationsService },
        { GatewayRoutes.Users, "DELETE", "/internal/users/nobody/devices/none", ServiceCallers.NotificationsService },
        { GatewayRoutes.Loans, "POST", "/internal/audit/changes", ServiceCallers.AuthService + "," + ServiceCallers.UsersService },
    };

    [Theory]
    [MemberData(nameof(InternalEndpoints))]
    public async Task Each_internal_endpoint_admits_only_the_callers_it_names(string service, string method, string path, string allowed)
    {
        var callers = allowed.Split(',');
        foreach (var caller in ServiceCallers.All)
        {
            using var client = await fixture.Running.CreateServiceClientAsync(service, caller);
            using var response = await client.SendAsync(new HttpMethod(method), path, method == "POST" ? new { } : null);
            if (callers.Contains(caller))
            {
                // Past authorization: whatever the endpoint says about an empty request, it is not a refusal of the caller.
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{caller} on {method} {path}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{caller} on {method} {path}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task A_service_cannot_speak_for_another_with_its_own_key()
    {
        // Signed with the Notifications service's key, claiming to be the Users service.
        var key = new ECDsaSecurityKey(EcdsaKeyFile.LoadOrCreate(Path.Combine(fixture.Running.ServiceKeyFolder, "notifications.pem"))) { KeyId = "notifications" };
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ServiceIdentityDefaults.LocalIssuer,
            Audience = new ServiceIdentityOptions().Audience,
            Subject = new ClaimsIdentity([new Claim(PlatformClaims.Subject, "users"), new Claim(PlatformClaims.Roles, PlatformRoles.Service)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });
        using var auth = new PlatformClient(new HttpClient { BaseAddress = new Uri(fixture.Running.Platform.ServiceUrls[GatewayRoutes.Auth]) });

        using var response = await auth.SendAsync(HttpMethod.Post, "/internal/auth/password-hashes", new { email = "a@example.com", password = "long-enough-password-1" }, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Answers_carry_no_Server_header_and_the_security_headers()
    {
        using var client = fixture.Running.CreateClient();
        foreach (var path in new[] { "/health/live", "/auth/.well-known/jwks.json", "/loans" })
        {
            using var response = await client.SendAsync(HttpMethod.Get, path);
            Assert.False(response.Headers.Contains("Server"), $"{path} names its server");
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            // HSTS is for HTTPS (API Management and the apps in Azure); a plain-HTTP answer must not carry it.
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }
    }

    [Fact]
    public async Task A_locked_out_owner_unlocks_with_the_code_sent_to_their_email()
    {
        using var client = fixture.Running.CreateClient();
        var customer = await client.RegisterAsync("en");
        for (var i = 0; i < 5; i++)
        {
            (await client.SendAsync(HttpMethod.Post, "/auth/login", new { email = customer.Email, password = "someone-guessing-" + i })).Dispose();
        }

        using (var locked = await client.SendAsync(HttpMethod.Post, "/auth/login", new { email = customer.Email, password = customer.Password }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        }

        var email = await client.Inbox.WaitForAsync(customer.Email, message => message.Subject == "Your LoanPlatform account is temporarily locked");
        var code = email.TextBody!.Split('\n').Select(line => line.Trim()).Single(line => line.Length == 43 && !line.Contains(' ', StringComparison.Ordinal));
        using (var wrong = await client.SendAsync(HttpMethod.Post, "/auth/unlock", new { email = customer.Email, code = code[..^1] + (code[^1] == 'A' ? 'B' : 'A') }))
        {
            Assert.Equal("invalid-unlock-code", PlatformClient.TypeOf(await PlatformClient.ReadProblemAsync(wrong, HttpStatusCode.BadRequest)));
        }

        await client.SendOkAsync(HttpMethod.Post, "/auth/unlock", new { email = customer.Email, code });
        await client.LoginAsync(customer.Email, customer.Password);
        using var spent = await client.SendAsync(HttpMethod.Post, "/auth/unlock", new { email = customer.Email, code });
        Assert.Equal(HttpStatusCode.BadRequest, spent.StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_is_private_and_every_key_file_is_readable_by_its_owner_only()
    {
        // A request through the gateway, so its own key exists too.
        using (var client = fixture.Running.CreateClient())
        {
            (await client.SendAsync(HttpMethod.Get, "/auth/.well-known/jwks.json")).Dispose();
        }

        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(fixture.Running.DataPath));
        var keys = Directory.EnumerateFiles(Path.Combine(fixture.Running.DataPath, "keys"), "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(keys, file => file.EndsWith(Path.Combine("services", "gateway.pem"), StringComparison.Ordinal));
        Assert.Contains(keys, file => file.Contains("token-signing", StringComparison.Ordinal));
        Assert.All(keys, file => Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file)));
    }

    private static async Task RegisterThroughEmailAsync(PlatformClient client, Dictionary<string, object?> registration)
    {
        using (var started = await client.SendAsync(HttpMethod.Post, "/users", registration))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        var email = (string)registration["email"]!;
        await client.SendOkAsync(HttpMethod.Post, "/users/verify", new { email, code = await client.Inbox.WaitForVerificationCodeAsync(email) });
    }

    private static async Task<(TimeSpan Time, string Answer)> TimedRegistrationAsync(PlatformClient client, Dictionary<string, object?> registration)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(HttpMethod.Post, "/users", registration);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        // The answer as a client sees it: status, body and which headers came (their values, like the date, may differ).
        var headers = string.Join(",", response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Order());
        return (clock.Elapsed, $"{(int)response.StatusCode} {body} [{headers}]");
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    /// <summary>The interquartile range: how far apart ordinary runs of the same request fall on this machine.</summary>
    private static TimeSpan Spread(List<TimeSpan> times)
    {
        var ordered = times.Order().ToList();
        return ordered[ordered.Count * 3 / 4] - ordered[ordered.Count / 4];
    }
}
