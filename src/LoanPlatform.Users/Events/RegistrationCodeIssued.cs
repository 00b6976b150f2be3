namespace LoanPlatform.Users.Events;

/// <summary>
/// RegistrationCodeIssued v1, notification only (never on the integration topic): the six-digit <paramref name="Code"/>
/// that verifies registration <paramref name="RegistrationId"/>, to be emailed to <paramref name="Recipient"/>, the address
/// being verified (there is no user to look up yet).
/// </summary>
public sealed record RegistrationCodeIssued(string RegistrationId, string Code, int ValidMinutes, RegistrationRecipient Recipient)
{
    public const int Version = 1;
}

public sealed record RegistrationRecipient(string Email, string Language, string FirstName);
