using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Services;

/// <summary>The UU PDP right of access: the profile with its KYC outcome, consent, document and device records and the notification preferences the Users service keeps.</summary>
public sealed class UserDataExport(UserProfiles profiles, IDocumentStore<UserDocument> documents, UserDevices devices, TimeProvider time)
{
    public async Task<UserDataExportResponse> ExportAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = (await profiles.GetAsync(userId, cancellationToken)).Value;
        var list = new List<UserDataExportDocument>();
        await foreach (var stored in documents.QueryAsync(DocumentQuery.InPartition(userId), cancellationToken))
        {
            var d = stored.Value;
            list.Add(new UserDataExportDocument(d.DocumentId, d.Kind, d.ContentType, d.SizeBytes, d.Sha256Hex, d.Status, d.CreatedAt, d.VerifiedAt, d.UploadedAt, d.RejectedAt, d.RejectionReason));
        }

        return new UserDataExportResponse(
            time.GetUtcNow(),
            new UserDataExportProfile(profile.UserId, profile.FullName, profile.Email, profile.Phone, profile.Nik, profile.DateOfBirth, profile.Language, profile.KtpStatus,
                KycResponse.From(profile.Kyc, profile.Language), profile.CreatedAt, profile.UpdatedAt),
            new UserDataExportConsent(profile.Consent.Version, profile.Consent.AcceptedAt),
            list.OrderBy(d => d.CreatedAt).ToList(),
            NotificationPreferencesResponse.From(profile.NotificationPreferences),
            await devices.ListAsync(userId, cancellationToken));
    }
}
