namespace LoanPlatform.Users.Model;

/// <summary>
/// A daily window in the user's own Indonesian time zone, "HH:mm" to "HH:mm"; it crosses midnight when
/// <see cref="End"/> is earlier than <see cref="Start"/> (21:00 to 07:00). Kept as the strings the API exchanges.
/// </summary>
public sealed record QuietHours(string Start, string End, string TimeZone);
