using LoanPlatform.Users.Validation;

namespace LoanPlatform.Users.Tests.Unit;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("081234567890", "+6281234567890")]
    [InlineData("6281234567890", "+6281234567890")]
    [InlineData("+6281234567890", "+6281234567890")]
    [InlineData(" 0812-3456-7890 ", "+6281234567890")]
    [InlineData("+62 812 3456 7890", "+6281234567890")]
    [InlineData("(0812) 3456.7890", "+6281234567890")]
    [InlineData("0811234567", "+62811234567")]
    [InlineData("0895123456789", "+62895123456789")]
    public void Indonesian_mobile_numbers_normalize_to_E164(string input, string expected)
    {
        Assert.True(IndonesianPhoneNumbers.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("0215551234")]
    [InlineData("+6221555123")]
    [InlineData("0801234567")]
    [InlineData("08123456")]
    [InlineData("08123456789012")]
    [InlineData("+6581234567")]
    [InlineData("81234567890")]
    [InlineData("0812-3456-789a")]
    [InlineData("0812+34567890")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_numbers_are_refused(string? input)
    {
        Assert.False(IndonesianPhoneNumbers.TryNormalize(input, out _));
    }
}
