namespace LoanPlatform.LocalHost.Durable;

/// <summary>Configuration section "Durable": which backend the local engine keeps orchestration state in.</summary>
public sealed class DurableEngineOptions
{
    public const string SectionName = "Durable";

    public DurableBackend Backend { get; set; } = DurableBackend.InMemory;

    /// <summary>For <see cref="DurableBackend.AzureStorage"/>: a storage connection string, e.g. Azurite's.</summary>
    public string? AzureStorageConnectionString { get; set; }

    public string TaskHubName { get; set; } = "LoanPlatformLocal";

    /// <summary>
    /// The version new orchestrations are stamped with, as host.json's durableTask.defaultVersion sets it in Azure. An
    /// empty string starts them unversioned, as releases before versioning did.
    /// </summary>
    public string DefaultVersion { get; set; } = Loans.Orchestrations.LoanApprovalOrchestration.Version;

    /// <summary>Orchestration and activity work items in flight at once; activities mostly wait on I/O.</summary>
    public int MaxConcurrentWorkItems { get; set; } = 100;
}

public enum DurableBackend
{
    /// <summary>The default: fast, nothing to install; open loans are re-hydrated from the Loans store at start.</summary>
    InMemory,

    /// <summary>Opt-in: the backend Durable Functions uses in Azure (here over Azurite); state survives restarts by itself.</summary>
    AzureStorage,
}
