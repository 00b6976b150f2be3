namespace LoanPlatform.Users.Model;

public enum KtpStatus
{
    NotVerified,
    Verified,

    /// <summary>Was verified, but the profile changed (e.g. the name) so the KTP must be checked again.</summary>
    NeedsReverification,
}
