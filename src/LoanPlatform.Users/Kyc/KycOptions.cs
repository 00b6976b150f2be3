using LoanPlatform.Users.Kyc.Verihubs;

namespace LoanPlatform.Users.Kyc;

/// <summary>The "Kyc" configuration section.</summary>
public sealed class KycOptions
{
    public const string SectionName = "Kyc";

    public KycProviderKind Provider { get; set; } = KycProviderKind.Manual;

    /// <summary>How long a reviewer's document read URL works: minutes, as it is a bearer credential.</summary>
    public TimeSpan ReviewUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public VerihubsOptions Verihubs { get; set; } = new();
}
