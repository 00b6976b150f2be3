namespace LoanPlatform.Users.Kyc.Verihubs;

/// <summary>Kyc:Verihubs: the application's credentials from the Verihubs dashboard; the API key comes from Key Vault in Azure.</summary>
public sealed class VerihubsOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.verihubs.com");

    public string AppId { get; set; } = "";

    public string ApiKey { get; set; } = "";

    /// <summary>The customer waits on the completion call; past this the check is inconclusive and people decide.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
