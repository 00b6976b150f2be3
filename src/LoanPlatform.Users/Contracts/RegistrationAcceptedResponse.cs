namespace LoanPlatform.Users.Contracts;

/// <summary>The one answer to every well-formed registration: a code went to the email, if it could.</summary>
public sealed record RegistrationAcceptedResponse(string Status)
{
    public static readonly RegistrationAcceptedResponse VerificationSent = new("verificationSent");
}
