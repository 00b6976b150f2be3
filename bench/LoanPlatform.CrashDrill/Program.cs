using System.Globalization;
using LoanPlatform.Testing;
using LoanPlatform.Testing.Platform.CrashDrill;

// The long crash drill (the suite runs a short one): the local host as its own process, SIGKILLed at random moments
// under a mix of loan lifecycles, then every promise checked; on the in-memory engine and on the Azure Storage profile
// over Azurite. Figures go to docs/reliability.md. Run on demand (needs `npm ci` for Azurite and the SMTP capture):
//   dotnet run -c Release --project bench/LoanPlatform.CrashDrill -- [kills=20] [loans=40] [backend=both|inmemory|azurestorage] [cleanStopEvery=4]
// cleanStopEvery=1 makes every other stop a SIGTERM under load, to try the clean stop hard.
var kills = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var loans = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
var backend = args.Length > 2 ? args[2].ToLowerInvariant() : "both";
var cleanStopEvery = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4;

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
var failed = false;
try
{
    var profiles = new List<(string Name, Dictionary<string, string?> Settings)>();
    if (backend is "both" or "inmemory")
    {
        profiles.Add(("in-memory engine", []));
    }

    if (backend is "both" or "azurestorage")
    {
        profiles.Add(("Azure Storage over Azurite", new Dictionary<string, string?>
        {
            ["Durable:Backend"] = "AzureStorage",
            ["Durable:AzureStorageConnectionString"] = azurite.ConnectionString,
            ["Durable:TaskHubName"] = "drill" + Guid.NewGuid().ToString("N")[..8],
        }));
    }

    foreach (var (name, settings) in profiles)
    {
        // A capture per profile, so each counts only its own emails.
        var smtp = new SmtpCaptureFixture();
        await smtp.InitializeAsync();
        Console.WriteLine($"Crash drill on the {name}: {kills} kills, {loans} loans");
        var report = await new CrashDrill(new CrashDrillOptions
        {
            Kills = kills,
            Loans = loans,
            CleanStopEvery = cleanStopEvery,
            MinRun = TimeSpan.FromSeconds(1),
            MaxRun = TimeSpan.FromSeconds(6),
            FinishTimeout = TimeSpan.FromMinutes(6),
            SmtpPort = smtp.Port,
            SmtpFolder = smtp.Folder,
            Settings = settings,
            Log = line => Console.WriteLine($"  {line}"),
        }).RunAsync();
        Console.WriteLine($"{name}: {report}");
        failed |= report.Violations.Count > 0;
        await smtp.DisposeAsync();
    }
}
finally
{
    await azurite.DisposeAsync();
}

return failed ? 1 : 0;
