using LoanPlatform.BuildingBlocks.Identity;
using LoanPlatform.Users.Validation;

namespace LoanPlatform.Users.Tests.Unit;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("siti@example.com", "siti@example.com")]
    [InlineData("  Siti.Rahayu@Example.CO.ID ", "siti.rahayu@example.co.id")]
    [InlineData("a+tag@sub.example.id", "a+tag@sub.example.id")]
    public void Valid_addresses_are_trimmed_and_lower_cased(string input, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("siti@localhost")]
    [InlineData("siti@example.")]
    [InlineData("Siti <siti@example.com>")]
    [InlineData("si ti@example.com")]
    [InlineData("@example.com")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_addresses_are_refused(string? input)
    {
        Assert.False(EmailAddress.TryNormalize(input, out _));
    }

    [Fact]
    public void Overlong_addresses_are_refused()
    {
        Assert.False(EmailAddress.TryNormalize(new string('a', 250) + "@example.com", out _));
    }
}
