namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>ETags minted by the embedded store: opaque and quoted, like the HTTP ones Cosmos DB returns.</summary>
internal static class ETags
{
    public static string New() => $"\"{Guid.NewGuid():N}\"";
}
