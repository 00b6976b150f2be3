using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Kyc;

/// <summary>
/// An automated identity check run when a customer's KTP and selfie are in. Null means no automated check (people review
/// everything). An adapter never throws for the provider's failures: a timeout, a refusal or an outage is an
/// <see cref="AutomatedKycOutcome.Inconclusive"/> answer, which sends the customer to people.
/// </summary>
public interface IKycProvider
{
    Task<AutomatedKycCheck?> CheckAsync(KycApplicant applicant, CancellationToken cancellationToken);
}
