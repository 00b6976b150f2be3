using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LoanPlatform.BuildingBlocks.Indonesia;

/// <summary>
/// A Nomor Induk Kependudukan (KTP number): 16 digits, PPKKCC (province, regency, district) then DDMMYY (birth date,
/// day + 40 for women) then a 4-digit serial. Users validates registrations with it and Loans derives age from it,
/// so the rule lives here once.
/// </summary>
public sealed record Nik
{
    /// <summary>The youngest age at which a KTP is issued.</summary>
    public const int MinimumKtpAge = 17;

    /// <summary>Province codes of the Kemendagri list (including the Papua provinces created in 2022).</summary>
    private static readonly HashSet<int> ProvinceCodes =
    [
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21,
        31, 32, 33, 34, 35, 36,
        51, 52, 53,
        61, 62, 63, 64, 65,
        71, 72, 73, 74, 75, 76,
        81, 82,
        91, 92, 93, 94, 95, 96, 97,
    ];

    private Nik(string value, int provinceCode, DateOnly birthDate, NikSex sex)
    {
        Value = value;
        ProvinceCode = provinceCode;
        BirthDate = birthDate;
        Sex = sex;
    }

    public string Value { get; }

    public int ProvinceCode { get; }

    /// <summary>The birth date encoded in the NIK; the century is the latest one that does not put it in the future.</summary>
    public DateOnly BirthDate { get; }

    public NikSex Sex { get; }

    public static bool IsProvinceCode(int code) => ProvinceCodes.Contains(code);

    /// <summary>Parses a NIK, resolving the two-digit year against <paramref name="today"/>; the error says what is wrong.</summary>
    public static bool TryParse(string? value, DateOnly today, [NotNullWhen(true)] out Nik? nik, [NotNullWhen(false)] out string? error)
    {
        nik = null;
        if (value is not { Length: 16 } || !value.All(char.IsAsciiDigit))
        {
            error = "NIK must be exactly 16 digits.";
            return false;
        }

        var province = Number(value, 0, 2);
        if (!IsProvinceCode(province))
        {
            error = "NIK does not start with a valid province code.";
            return false;
        }

        var day = Number(value, 6, 2);
        var sex = day > 40 ? NikSex.Female : NikSex.Male;
        if (sex == NikSex.Female)
        {
            day -= 40;
        }

        var month = Number(value, 8, 2);
        var yearOfCentury = Number(value, 10, 2);
        var year = 2000 + yearOfCentury > today.Year ? 1900 + yearOfCentury : 2000 + yearOfCentury;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = "NIK does not contain a valid birth date.";
            return false;
        }

        if (Number(value, 12, 4) == 0)
        {
            error = "NIK has an invalid serial number.";
            return false;
        }

        nik = new Nik(value, province, new DateOnly(year, month, day), sex);
        error = null;
        return true;
    }

    /// <summary>Whether the NIK's DDMMYY part matches a declared full birth date (the NIK itself only knows two year digits).</summary>
    public bool MatchesBirthDate(DateOnly dateOfBirth) =>
        BirthDate.Day == dateOfBirth.Day && BirthDate.Month == dateOfBirth.Month && BirthDate.Year % 100 == dateOfBirth.Year % 100;

    /// <summary>Completed years between a birth date and a day; in common years a 29 February birthday falls on 28 February.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        return day < birthDate.AddYears(age) ? age - 1 : age;
    }

    public int AgeOn(DateOnly day) => AgeOn(BirthDate, day);

    /// <summary>Only the province/regency and the serial shown, so displays and support never carry the whole number.</summary>
    public static string Mask(string nik) => nik.Length == 16 ? string.Concat(nik.AsSpan(0, 4), "********", nik.AsSpan(12)) : "****";

    public override string ToString() => Mask(Value);

    private static int Number(string value, int start, int length) => int.Parse(value.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
}
