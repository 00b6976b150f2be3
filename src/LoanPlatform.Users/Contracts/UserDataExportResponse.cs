namespace LoanPlatform.Users.Contracts;

/// <summary>
/// Everything the Users service holds about the signed-in user (UU PDP right of access), the NIK in full because it is
/// the subject's own data. Documents are described, not linked: URLs would outlive the export's purpose. Devices are
/// described the same way, without their push endpoints and keys, which are credentials rather than information.
/// </summary>
public sealed record UserDataExportResponse(
    DateTimeOffset ExportedAt,
    UserDataExportProfile Profile,
    UserDataExportConsent Consent,
    IReadOnlyList<UserDataExportDocument> Documents,
    NotificationPreferencesResponse NotificationPreferences,
    IReadOnlyList<DeviceResponse> Devices);
