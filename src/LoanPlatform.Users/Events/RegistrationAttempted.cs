namespace LoanPlatform.Users.Events;

/// <summary>
/// RegistrationAttempted v1, notification only: someone began a registration with the email, phone or NIK of the
/// existing customer <paramref name="UserId"/>, who is told so by email; the registrant is told nothing different.
/// </summary>
public sealed record RegistrationAttempted(string UserId, DateTimeOffset At)
{
    public const int Version = 1;
}
