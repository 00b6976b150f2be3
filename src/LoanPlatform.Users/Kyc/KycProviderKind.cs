namespace LoanPlatform.Users.Kyc;

public enum KycProviderKind
{
    /// <summary>People review every customer.</summary>
    Manual,

    /// <summary>Verihubs ID Verification checks NIK, name and birth date against Dukcapil before people review.</summary>
    Verihubs,
}
