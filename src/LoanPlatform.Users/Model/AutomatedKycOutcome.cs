namespace LoanPlatform.Users.Model;

/// <summary>What an e-KYC provider concluded. Only <see cref="Match"/> may verify without a person; anything unsure goes to people.</summary>
public enum AutomatedKycOutcome
{
    /// <summary>Identity data and face both matched the population registry.</summary>
    Match,

    /// <summary>The registry contradicts the customer (NIK unknown, name or birth date different), or the selfie is not the KTP's face.</summary>
    Mismatch,

    /// <summary>No conclusion: a partial check, a timeout, a refusal or an outage. Never a verification.</summary>
    Inconclusive,
}
