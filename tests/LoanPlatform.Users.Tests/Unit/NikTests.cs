using LoanPlatform.BuildingBlocks.Indonesia;

namespace LoanPlatform.Users.Tests.Unit;

public sealed class NikTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void A_man_s_NIK_yields_province_birth_date_and_sex()
    {
        Assert.True(Nik.TryParse("3171070506900001", Today, out var nik, out _));
        Assert.Equal(31, nik.ProvinceCode);
        Assert.Equal(new DateOnly(1990, 6, 5), nik.BirthDate);
        Assert.Equal(NikSex.Male, nik.Sex);
    }

    [Fact]
    public void A_woman_s_birth_day_is_stored_plus_40()
    {
        Assert.True(Nik.TryParse("3171074506900001", Today, out var nik, out _));
        Assert.Equal(new DateOnly(1990, 6, 5), nik.BirthDate);
        Assert.Equal(NikSex.Female, nik.Sex);
    }

    [Theory]
    [InlineData("11", true)]
    [InlineData("19", true)]
    [InlineData("21", true)]
    [InlineData("36", true)]
    [InlineData("53", true)]
    [InlineData("65", true)]
    [InlineData("76", true)]
    [InlineData("82", true)]
    [InlineData("97", true)]
    [InlineData("10", false)]
    [InlineData("20", false)]
    [InlineData("37", false)]
    [InlineData("54", false)]
    [InlineData("66", false)]
    [InlineData("77", false)]
    [InlineData("83", false)]
    [InlineData("98", false)]
    [InlineData("00", false)]
    public void Only_official_province_codes_are_accepted(string province, bool valid)
    {
        Assert.Equal(valid, Nik.TryParse(province + "71070506900001", Today, out _, out _));
    }

    [Theory]
    [InlineData("317107050690001")]
    [InlineData("31710705069000011")]
    [InlineData("31710705069O0001")]
    [InlineData("3171073206900001")]
    [InlineData("3171077206900001")]
    [InlineData("3171070513900001")]
    [InlineData("3171073002900001")]
    [InlineData("3171072902010001")]
    [InlineData("3171070506900000")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_NIKs_are_refused_with_a_reason(string? value)
    {
        Assert.False(Nik.TryParse(value, Today, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_leap_day_is_valid_only_in_leap_years()
    {
        Assert.True(Nik.TryParse("3171072902000001", Today, out var nik, out _));
        Assert.Equal(new DateOnly(2000, 2, 29), nik.BirthDate);
    }

    [Theory]
    [InlineData("05", 2005)]
    [InlineData("26", 2026)]
    [InlineData("27", 1927)]
    [InlineData("90", 1990)]
    public void The_century_is_the_latest_that_is_not_in_the_future(string yy, int year)
    {
        Assert.True(Nik.TryParse($"3171070101{yy}0001", Today, out var nik, out _));
        Assert.Equal(year, nik.BirthDate.Year);
    }

    [Fact]
    public void The_declared_birth_date_must_match_the_NIK()
    {
        Assert.True(Nik.TryParse("3171074506900001", Today, out var nik, out _));
        Assert.True(nik.MatchesBirthDate(new DateOnly(1990, 6, 5)));
        Assert.False(nik.MatchesBirthDate(new DateOnly(1990, 6, 6)));
        Assert.False(nik.MatchesBirthDate(new DateOnly(1990, 7, 5)));
        Assert.False(nik.MatchesBirthDate(new DateOnly(1991, 6, 5)));
    }

    [Theory]
    [InlineData("2009-11-25", 17)]
    [InlineData("2009-11-26", 16)]
    [InlineData("1990-06-05", 36)]
    public void Age_counts_completed_years(string birthDate, int age)
    {
        Assert.Equal(age, Nik.AgeOn(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture), Today));
    }

    [Fact]
    public void The_NIK_is_masked_in_text()
    {
        Assert.True(Nik.TryParse("3171074506900001", Today, out var nik, out _));
        Assert.Equal("3171********0001", nik.ToString());
        Assert.DoesNotContain("3171074506900001", $"{nik}", StringComparison.Ordinal);
    }
}
