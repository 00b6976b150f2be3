using Microsoft.Playwright;

namespace LoanPlatform.Console.Tests;

/// <summary>
/// The real local platform (its gateway serving the console at /console/) and one headless Chromium shared by the
/// console tests; each test opens its own browser context, so officers never share a sign-in. Chromium is Debian's package,
/// launched by path: Playwright's own browser download is not reachable here (.ci/run installs it with apt).
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public RunningPlatform Running { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string ConsoleUrl => Running.GatewayUrl + "/console/";

    public async Task InitializeAsync()
    {
        Running = await RunningPlatform.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's headless Chromium; <paramref name="extraArgs"/> add to the fixed flags.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright, params string[] extraArgs) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // The machine has no sandbox support and a closed network: no GPU, no background calls home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", .. extraArgs],
        });

    /// <summary>A fresh browser (own cookies) signed in to the console as <paramref name="email"/>, in English.</summary>
    public async Task<IPage> SignInAsync(string email)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.AddCookiesAsync([new Cookie { Name = "console-lang", Value = "en", Url = ConsoleUrl }]);
        context.SetDefaultTimeout(20_000);
        // Decisions take effect asynchronously and the machine may be busy: expectations wait as long as actions do.
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(ConsoleUrl);
        await page.WaitForURLAsync("**/console/login**");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(RunningPlatform.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();
        return page;
    }

    private static string ChromiumPath() =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH).");

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Running is not null)
        {
            await Running.DisposeAsync();
        }
    }
}
