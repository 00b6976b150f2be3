using LoanPlatform.BuildingBlocks.Indonesia;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Services;

/// <summary>The Loans service's view of a user: the KYC outcome and what age and region rules need.</summary>
public sealed class UserEligibility(IDocumentStore<UserProfile> profiles, TimeProvider time)
{
    public async Task<UserEligibilityResponse?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = (await profiles.FindAsync(userId, userId, cancellationToken))?.Value;
        if (profile is null)
        {
            return null;
        }

        int? province = Nik.TryParse(profile.Nik, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), out var nik, out _) ? nik.ProvinceCode : null;
        return new UserEligibilityResponse(userId, KycEvidenceResponse.From(profile.Kyc), profile.DateOfBirth, province);
    }
}
