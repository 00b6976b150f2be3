using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LoanPlatform.BuildingBlocks.Security;

namespace LoanPlatform.Users.Tests.Functional;

public sealed class RegistrationTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public async Task Register_creates_the_user_and_the_customer_credential()
    {
        var registration = UsersHost.NewRegistration();
        registration["email"] = "  Mixed.Case" + registration["email"] + " ";

        using var response = await host.RegisterAsync(registration);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/users/me", response.Headers.Location?.OriginalString);
        var userId = (await response.Content.ReadFromJsonAsync<UsersHost.RegisterResult>())!.UserId;
        var credential = host.Auth.Credentials[userId];
        Assert.Equal(((string)registration["email"]!).Trim().ToLowerInvariant(), credential.Email);
        Assert.Equal([PlatformRoles.Customer], credential.Roles);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("phone")]
    [InlineData("nik")]
    public async Task A_taken_value_gets_the_same_202_sends_no_code_and_tells_the_existing_customer(string field)
    {
        var first = UsersHost.NewRegistration();
        using var created = await host.RegisterAsync(first);
        var existingId = (await created.Content.ReadFromJsonAsync<UsersHost.RegisterResult>())!.UserId;
        var second = UsersHost.NewRegistration();
        second[field] = field switch
        {
            "email" => ((string)first["email"]!).ToUpperInvariant(),
            // The same number written another way is the same number.
            "phone" => "+62 " + ((string)first["phone"]!)[1..],
            _ => first[field],
        };
        var free = UsersHost.NewRegistration();

        using var taken = await host.Anonymous.PostAsJsonAsync("/users", second);
        using var accepted = await host.Anonymous.PostAsJsonAsync("/users", free);

        // The same answer, byte for byte, whether or not someone holds the value.
        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(await accepted.Content.ReadAsStringAsync(), await taken.Content.ReadAsStringAsync());
        Assert.Equal("{\"status\":\"verificationSent\"}", await taken.Content.ReadAsStringAsync());
        Assert.Equal(accepted.Headers.Location, taken.Headers.Location);
        Assert.NotNull(host.CodeSentTo((string)free["email"]!));
        if (field != "email")
        {
            Assert.Null(host.CodeSentTo((string)second["email"]!));
        }

        Assert.Contains(host.Events.All, e => e.Type == "RegistrationAttempted" && e.Subject == existingId && e.NotificationOnly);
        // Nothing to verify: every code is wrong.
        using var verify = await host.Anonymous.PostAsJsonAsync("/users/verify", new { email = second["email"], code = "123456" });
        await verify.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-verification-code");
    }

    [Fact]
    public async Task A_wrong_code_is_a_400_and_a_few_wrong_codes_end_the_pending_registration()
    {
        var registration = UsersHost.NewRegistration();
        (await host.Anonymous.PostAsJsonAsync("/users", registration)).Dispose();
        var email = (string)registration["email"]!;
        var code = host.CodeSentTo(email)!;
        var wrong = code == "000000" ? "000001" : "000000";

        for (var i = 0; i < 5; i++)
        {
            using var refused = await host.Anonymous.PostAsJsonAsync("/users/verify", new { email, code = wrong });
            await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-verification-code");
        }

        // The right code no longer helps: the registration is over.
        using var late = await host.Anonymous.PostAsJsonAsync("/users/verify", new { email, code });
        await late.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-verification-code");
        Assert.DoesNotContain(host.Auth.Credentials.Values, c => c.Email == email);
    }

    [Fact]
    public async Task A_code_works_once_and_the_account_exists_only_after_it()
    {
        var registration = UsersHost.NewRegistration();
        (await host.Anonymous.PostAsJsonAsync("/users", registration)).Dispose();
        var email = (string)registration["email"]!;
        Assert.DoesNotContain(host.Auth.Credentials.Values, c => c.Email == email);

        var code = host.CodeSentTo(email)!;
        using var verified = await host.Anonymous.PostAsJsonAsync("/users/verify", new { email, code });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        Assert.Single(host.Auth.Credentials.Values, c => c.Email == email);

        using var again = await host.Anonymous.PostAsJsonAsync("/users/verify", new { email, code });
        await again.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid-verification-code");
    }

    [Fact]
    public async Task Concurrent_verifications_with_one_NIK_let_exactly_one_through()
    {
        // Twenty registrations of one NIK, all started before any is verified (so each got its code), then verified at once.
        var nik = UsersHost.NewRegistration()["nik"];
        var registrations = Enumerable.Range(0, 20).Select(_ =>
        {
            var registration = UsersHost.NewRegistration();
            registration["nik"] = nik;
            return registration;
        }).ToList();
        foreach (var registration in registrations)
        {
            (await host.Anonymous.PostAsJsonAsync("/users", registration)).Dispose();
        }

        var responses = await Task.WhenAll(registrations.Select(registration =>
        {
            var email = (string)registration["email"]!;
            return host.Anonymous.PostAsJsonAsync("/users/verify", new { email, code = host.CodeSentTo(email) });
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var rejected in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await rejected.AssertProblemAsync(HttpStatusCode.Conflict, "nik-taken");
        }
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_in_one_400()
    {
        using var response = await host.Anonymous.PostAsJsonAsync("/users", new
        {
            fullName = "A",
            email = "not-an-email",
            phone = "021-555-1234",
            nik = "9971074506900001",
            dateOfBirth = "05-06-1990",
            password = "short",
            consent = new { accepted = false, version = "2025-01" },
            language = "fr",
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["consent.accepted", "dateOfBirth", "email", "fullName", "language", "nik", "password", "phone"], fields);
    }

    [Fact]
    public async Task A_NIK_that_does_not_match_the_birth_date_is_refused()
    {
        var registration = UsersHost.NewRegistration();
        registration["dateOfBirth"] = "1990-06-06";

        using var response = await host.RegisterAsync(registration);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("nik", out _));
    }

    [Fact]
    public async Task When_Auth_fails_nothing_is_left_behind_and_a_retry_succeeds()
    {
        var registration = UsersHost.NewRegistration();
        host.Auth.FailWith = 500;
        HttpResponseMessage failed;
        var clock = Stopwatch.StartNew();
        try
        {
            failed = await host.RegisterAsync(registration);
        }
        finally
        {
            host.Auth.FailWith = null;
        }

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "auth-unavailable");
        // Creating a credential is not retried blindly (it is not idempotent), so the failure is reported at once.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");

        using var retried = await host.RegisterAsync(registration);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    [Fact]
    public async Task A_409_from_Auth_is_email_taken_and_releases_the_claims()
    {
        var registration = UsersHost.NewRegistration();
        host.Auth.FailWith = 409;
        HttpResponseMessage failed;
        try
        {
            failed = await host.RegisterAsync(registration);
        }
        finally
        {
            host.Auth.FailWith = null;
        }

        await failed.AssertProblemAsync(HttpStatusCode.Conflict, "email-taken");
        using var retried = await host.RegisterAsync(registration);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }
}
