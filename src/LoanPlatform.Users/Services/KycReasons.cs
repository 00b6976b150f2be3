namespace LoanPlatform.Users.Services;

/// <summary>
/// The reasons a KYC review can give, by code, with the text a customer reads in each language (Bahasa Indonesia when
/// theirs has none). Reviewers pick codes; providers' answers are mapped to them, so the customer never sees a vendor's
/// wording or a reviewer's internal note.
/// </summary>
public static class KycReasons
{
    public const string NikNotFound = "nik-not-found";
    public const string NameMismatch = "name-mismatch";
    public const string BirthDateMismatch = "birth-date-mismatch";
    public const string DocumentUnreadable = "document-unreadable";
    public const string FaceMismatch = "face-mismatch";
    public const string DataMismatch = "data-mismatch";
    public const string Other = "other";

    // What a provider reports when it cannot conclude: for reviewers, never a rejection reason.
    public const string RegistryDataMatched = "registry-data-matched";
    public const string FaceMatched = "face-matched";
    public const string FaceNotCompared = "face-not-compared";
    public const string FaceInconclusive = "face-similarity-inconclusive";
    public const string ProviderTimeout = "provider-timeout";
    public const string ProviderUnavailable = "provider-unavailable";
    public const string ProviderRateLimited = "provider-rate-limited";
    public const string ProviderQuotaExhausted = "provider-quota-exhausted";
    public const string ProviderRefused = "provider-refused-request";

    private static readonly Dictionary<string, (string En, string Id)> Texts = new()
    {
        [NikNotFound] = ("The NIK was not found in the population registry (Dukcapil).", "NIK tidak ditemukan dalam data kependudukan (Dukcapil)."),
        [NameMismatch] = ("Your name differs from the one in the population registry.", "Nama Anda berbeda dengan nama dalam data kependudukan."),
        [BirthDateMismatch] = ("Your date of birth differs from the one in the population registry.", "Tanggal lahir Anda berbeda dengan data kependudukan."),
        [DocumentUnreadable] = ("The photo of your KTP is not clear enough to read.", "Foto KTP Anda kurang jelas untuk dibaca."),
        [FaceMismatch] = ("Your selfie does not match the photo on your KTP.", "Swafoto Anda tidak cocok dengan foto pada KTP."),
        [DataMismatch] = ("The details on your KTP differ from the details you registered with.", "Data pada KTP Anda berbeda dengan data yang Anda daftarkan."),
        [Other] = ("We could not verify your identity. Please upload a clear photo of your KTP and a selfie again.",
            "Kami tidak dapat memverifikasi identitas Anda. Silakan unggah kembali foto KTP yang jelas dan swafoto."),
    };

    /// <summary>The codes a reviewer may reject with.</summary>
    public static IReadOnlyCollection<string> RejectionCodes => Texts.Keys;

    public static string Describe(string code, string language) =>
        Texts.TryGetValue(code, out var text) ? language == "en" ? text.En : text.Id : Describe(Other, language);
}
