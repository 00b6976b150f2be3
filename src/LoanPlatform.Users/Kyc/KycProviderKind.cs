namespace LoanPlatform.Users.Kyc;

public enum KycProviderKind
{
    /// <summary>People review every customer.</summary>
    Manual,

    /// <summary>Verihubs ID Verification (NIK, name and birth date against Dukcapil) and Face Compare (selfie against the KTP photo).</summary>
    Verihubs,
}
