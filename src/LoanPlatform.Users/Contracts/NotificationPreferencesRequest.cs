namespace LoanPlatform.Users.Contracts;

/// <summary>The whole set of preferences (PUT). Nullable so that every missing field is reported in one 400.</summary>
public sealed record NotificationPreferencesRequest(bool? Email, bool? Push, QuietHoursRequest? QuietHours);
