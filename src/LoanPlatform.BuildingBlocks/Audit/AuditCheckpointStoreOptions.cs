namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>
/// The <c>Audit:Checkpoints</c> section: the Blob container with the immutability policy (<see cref="ContainerUri"/>, reached
/// with the managed identity) in Azure, or Azurite by <see cref="ConnectionString"/> in tests; without either, the
/// append-only file <c>{Data:Path}/audit/checkpoints.jsonl</c>.
/// </summary>
public sealed class AuditCheckpointStoreOptions
{
    public const string SectionName = "Audit:Checkpoints";

    public Uri? ContainerUri { get; set; }

    /// <summary>Azurite's connection string, on a loopback address only (account keys stay out of Azure).</summary>
    public string? ConnectionString { get; set; }

    public string Container { get; set; } = "audit-checkpoints";
}
