using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LoanPlatform.BuildingBlocks.Security;
using LoanPlatform.LocalHost.Services;
using LoanPlatform.Testing;
using LoanPlatform.Testing.Entra;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;

namespace LoanPlatform.Console.Tests;

/// <summary>
/// The console's Azure sign-in path, end to end in a real browser: the console (its own host, Entra configuration from
/// this test) signs the officer in with OpenID Connect through Microsoft.Identity.Web against a loopback Entra ID over
/// HTTPS, MSAL redeems the code for the staff API's token, and the console calls the real local platform with it, whose
/// gateway and services validate it as they validate Entra staff tokens in Azure (EntraStaff settings).
/// </summary>
public sealed class EntraSignInTests : IAsyncLifetime
{
    private readonly EntraUser _officer = new(Guid.NewGuid().ToString(), "Dewi Entra", "dewi.entra@bank.example", [PlatformRoles.LoanOfficer]);
    private SelfSignedCertificate _certificate = null!;
    private FakeEntraIssuer _entra = null!;
    private RunningPlatform _running = null!;
    private WebApplication _console = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _consoleUrl = "";

    public async Task InitializeAsync()
    {
        _certificate = await SelfSignedCertificate.CreateForLoopbackAsync();
        _entra = await FakeEntraIssuer.StartAsync(_certificate);
        _entra.SignedInUser = _officer;
        _running = await RunningPlatform.StartAsync(_entra.Settings);

        var settings = new Dictionary<string, string?>(_entra.ConsoleSettings) { ["Console:ApiBaseUrl"] = _running.GatewayUrl, ["Console:PathBase"] = "" };
        _console = OfficerConsoleApplication.Build(new ConfigurationBuilder().Build(), settings, builder =>
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
                listen.UseHttps(X509Certificate2.CreateFromPemFile(_certificate.CertificatePath, _certificate.KeyPath))));
            // The console trusts exactly the test certificate, and reaches nothing beyond loopback (MSAL's instance
            // discovery at login.microsoftonline.com fails at once, and MSAL goes on with the configured authority).
            builder.Services.ConfigureHttpClientDefaults(http => http
                .ConfigurePrimaryHttpMessageHandler(_certificate.CreateTrustingHandler)
                .AddHttpMessageHandler(() => new LoopbackOnlyHandler()));
            // The ID token's issuer check reads the tenant's metadata with a client of its own: a named one, so the above applies.
            builder.Services.Configure<AadIssuerValidatorOptions>(issuer => issuer.HttpClientName = "entra-issuer-metadata");
            builder.Services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc => oidc.BackchannelHttpHandler = _certificate.CreateTrustingHandler());
        });
        await _console.StartAsync();
        _consoleUrl = _console.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        _playwright = await Playwright.CreateAsync();
        // The browser trusts the test certificate by its public key, and nothing else it would not trust anyway.
        var spki = Convert.ToBase64String(SHA256.HashData(_certificate.Certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        _browser = await ConsoleFixture.LaunchChromiumAsync(_playwright, "--ignore-certificate-errors-spki-list=" + spki);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _console.DisposeAsync();
        await _running.DisposeAsync();
        await _entra.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task An_entra_officer_signs_in_and_the_token_the_console_acquired_reaches_the_API()
    {
        using var client = _running.CreateClient();
        var customer = await client.RegisterVerifiedCustomerAsync();
        var loanId = await client.ApplyOkAsync(customer.Token, 9_000_000);
        await client.WaitForStatusAsync(loanId, customer.Token, "pendingApproval");
        // As in Azure, an Admin links the Entra officer to their person before they work the queue.
        await client.SendOkAsync(HttpMethod.Put, $"/users/staff/{_officer.ObjectId}/person", new { nik = "3273011203859002", email = _officer.Email, phone = "081190000002" },
            await client.LoginStaffAsync("admin@staff.local"));

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "console-lang", Value = "en", Url = _consoleUrl }]);
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var visited = new List<string>();
        page.FrameNavigated += (_, frame) => visited.Add(frame.Url);

        await page.GotoAsync(_consoleUrl + "/");

        // Signed in at the fake Entra, back in the console, and the work queue read through the API with the officer's token.
        await page.GetByTestId("signed-in-as").WaitForAsync();
        Assert.Contains(visited, url => url.StartsWith(_entra.Instance + FakeEntraIssuer.TenantId + "/oauth2/v2.0/authorize", StringComparison.Ordinal));
        Assert.StartsWith(_consoleUrl, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator($"tr[data-loan-id='{loanId}']")).ToBeVisibleAsync();

        Assert.Empty(_entra.Refusals);
        Assert.Equal(["authorization_code"], _entra.Grants);
        var token = new JsonWebToken(Assert.Single(_entra.IssuedAccessTokens));
        Assert.Equal([FakeEntraIssuer.Audience], token.Audiences);

        // The gateway's audit trail has the queue read under the subject of exactly that token.
        var auditor = await client.LoginStaffAsync("auditor@staff.local");
        var recorded = false;
        for (var attempt = 0; attempt < 40 && !recorded; attempt++)
        {
            var page1 = await client.SendOkAsync(HttpMethod.Get, $"/audit?subject={Uri.EscapeDataString(token.Subject)}", null, auditor);
            recorded = page1["items"]!.AsArray().Any(item => item!.ToJsonString().Contains("/loans", StringComparison.Ordinal));
            if (!recorded)
            {
                await Task.Delay(250);
            }
        }

        Assert.True(recorded, "The API saw no request under the subject of the token the console acquired.");
    }

    /// <summary>Refuses anything but loopback at once: the test machine has no other network, and must not look for one.</summary>
    private sealed class LoopbackOnlyHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { IsLoopback: true } ? base.SendAsync(request, cancellationToken) : throw new HttpRequestException($"No network beyond loopback in tests: {request.RequestUri?.Host}");
    }
}
