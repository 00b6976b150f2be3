namespace LoanPlatform.Users.Kyc.Verihubs;

/// <summary>Kyc:Verihubs: the application's credentials from the Verihubs dashboard; the API key comes from Key Vault in Azure.</summary>
public sealed class VerihubsOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.verihubs.com");

    public string AppId { get; set; } = "";

    public string ApiKey { get; set; } = "";

    /// <summary>The customer waits on the completion call; past this (per call) the check is inconclusive and people decide.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Face similarity (0–100) from which the selfie and the KTP photo are the same person. 82 is the threshold Verihubs
    /// documents as its face-matching default.
    /// </summary>
    public double FaceMatchThreshold { get; set; } = 82;

    /// <summary>Face similarity below which they are conclusively different people; between the two, people look.</summary>
    public double FaceMismatchBelow { get; set; } = 50;
}
