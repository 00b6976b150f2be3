using System.Net;
using LoanPlatform.Auth.Tests.Support;
using LoanPlatform.Gateway;

namespace LoanPlatform.Auth.Tests.Tokens;

/// <summary>
/// Every kind of bad access token is refused by the gateway and, in depth, by a service called directly; the controls
/// (a login token, and a token forged correctly with the same tools) are accepted by both.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TokenRejectionTests(AuthPlatformFixture fixture)
{
    public const string ViaGateway = "gateway";
    public const string DirectToLoans = "loans-service";

    private static readonly Dictionary<string, Func<TokenForge, string>> BadTokens = new()
    {
        ["expired"] = forge => forge.Expired(),
        ["not-yet-valid"] = forge => forge.NotYetValid(),
        ["wrong-issuer"] = forge => forge.WrongIssuer(),
        ["wrong-audience"] = forge => forge.WrongAudience(),
        ["alg-none"] = forge => forge.AlgNone(),
        ["hs256-with-public-key"] = forge => forge.HmacWithPublicKey(),
        ["unknown-kid"] = forge => forge.UnknownKey(),
        ["tampered-payload"] = forge => forge.Tampered(),
    };

    public static TheoryData<string, string> BadTokenCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var name in BadTokens.Keys)
        {
            cases.Add(name, ViaGateway);
            cases.Add(name, DirectToLoans);
        }

        return cases;
    }

    public static TheoryData<string> Targets() => [ViaGateway, DirectToLoans];

    [Theory]
    [MemberData(nameof(BadTokenCases))]
    public async Task A_bad_access_token_is_refused_with_a_401_problem(string badToken, string target)
    {
        using var client = await ClientForAsync(target);
        using var response = await client.SendAsync(HttpMethod.Get, "/loans", token: BadTokens[badToken](fixture.Forge));
        await PlatformClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_token_issued_by_login_is_accepted(string target)
    {
        var customer = await fixture.Customer;
        using var client = await ClientForAsync(target);
        await client.SendOkAsync(HttpMethod.Get, "/loans", token: customer.Token);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task A_correctly_forged_control_token_is_accepted_so_each_refusal_is_about_its_one_flaw(string target)
    {
        using var client = await ClientForAsync(target);
        await client.SendOkAsync(HttpMethod.Get, "/loans", token: fixture.Forge.Valid());
    }

    private async Task<PlatformClient> ClientForAsync(string target) =>
        target == ViaGateway ? fixture.Client() : await fixture.ServiceClientAsync(GatewayRoutes.Loans);
}
