using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Kyc;

/// <summary>The local default: no automated check, every customer goes to the officers' review queue.</summary>
public sealed class ManualKycProvider : IKycProvider
{
    public Task<AutomatedKycCheck?> CheckAsync(KycApplicant applicant, CancellationToken cancellationToken) => Task.FromResult<AutomatedKycCheck?>(null);
}
