using System.Security.Cryptography;
using LoanPlatform.Loans.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;

namespace LoanPlatform.LocalHost;

/// <summary>
/// Where the local platform listens and keeps its state, resolved from appsettings.json, environment variables
/// (Gateway__Url, Data__Path, LOCAL_STAFF_PASSWORD) and the command line, in that order of precedence.
/// </summary>
public sealed record LocalPlatformSettings
{
    public required IConfiguration Configuration { get; init; }

    public required string GatewayUrl { get; init; }

    public required string DataPath { get; init; }

    public required string StaffPassword { get; init; }

    public bool StaffPasswordGenerated { get; init; }

    /// <summary>
    /// What the local worker runs: the approval orchestration and its activities. An upgrade rehearsal puts an earlier
    /// release's orchestrator here to record the histories the current one must then replay.
    /// </summary>
    public Action<DurableTaskRegistry> DurableTasks { get; init; } = registry => registry.AddLoanApprovalTasks();

    public static LocalPlatformSettings FromArgs(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .AddInMemoryCollection(overrides ?? [])
            .Build();
        var password = configuration["LOCAL_STAFF_PASSWORD"];
        return new LocalPlatformSettings
        {
            Configuration = configuration,
            GatewayUrl = (configuration["Gateway:Url"] ?? "http://localhost:8080").TrimEnd('/'),
            DataPath = Path.GetFullPath(configuration["Data:Path"] ?? ".data"),
            StaffPassword = string.IsNullOrEmpty(password) ? GeneratePassword() : password,
            StaffPasswordGenerated = string.IsNullOrEmpty(password),
        };
    }

    private static string GeneratePassword() => "Lp-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('/', '_').Replace('+', '-');
}
