using System.Net;
using LoanPlatform.Auth.Tests.Support;

namespace LoanPlatform.Auth.Tests.Api;

/// <summary>Unreadable requests are a 400 problem at every endpoint that takes a body, never a 500.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(AuthPlatformFixture fixture)
{
    private const string Anonymous = "anonymous";
    private const string Customer = "customer";
    private const string Officer = "officer";

    private static readonly (string Path, string Caller)[] BodyEndpoints =
    [
        ("/auth/login", Anonymous),
        ("/auth/refresh", Anonymous),
        ("/auth/logout", Anonymous),
        ("/users", Anonymous),
        ("/users/me/documents", Customer),
        ("/loans", Customer),
        ("/loans/some-loan/decisions", Officer),
    ];

    private static readonly Dictionary<string, string?> Bodies = new()
    {
        ["empty"] = null,
        ["truncated-json"] = "{\"email\": ",
        ["not-json"] = "email=a@example.com&password=x",
        ["json-null"] = "null",
        ["json-array"] = "[1, 2, 3]",
        ["wrong-types"] = "{\"email\": 1, \"password\": {}, \"refreshToken\": [], \"amount\": \"lots\", \"decision\": 5, \"type\": true}",
    };

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var (path, caller) in BodyEndpoints)
        {
            foreach (var body in Bodies.Keys)
            {
                cases.Add(path, caller, body);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_unreadable_body_is_a_400_problem(string path, string caller, string body)
    {
        var token = caller switch
        {
            Customer => (await fixture.Customer).Token,
            Officer => await fixture.OfficerToken,
            _ => null,
        };
        using var client = fixture.Client();
        using var response = await client.SendAsync(HttpMethod.Post, path, Bodies[body], token,
            new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() });
        await PlatformClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/loans/no-such-loan")]
    [InlineData("/loans/no-such-loan/history")]
    [InlineData("/loans/no-such-loan/schedule")]
    public async Task An_unknown_loan_is_a_404_problem(string path)
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(HttpMethod.Get, path, token: (await fixture.Customer).Token);
        await PlatformClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_decision_on_an_unknown_loan_is_a_404_problem()
    {
        using var client = fixture.Client();
        using var response = await client.SendAsync(HttpMethod.Post, "/loans/no-such-loan/decisions", new { decision = "approve" }, await fixture.OfficerToken);
        await PlatformClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }
}
