using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.BuildingBlocks.Problems;

namespace LoanPlatform.Auth.Tests.Service;

/// <summary>The password policy: length 12–128, not a common password, not built on the email name.</summary>
public sealed class PasswordPolicyTests
{
    private static bool Accepts(string password, string email = "siti.rahayu@example.com")
    {
        var validation = new RequestValidation();
        new PasswordPolicy().Check(password, email, validation, "password");
        return validation.IsValid;
    }

    [Theory]
    [InlineData("correct-horse-battery-staple")]
    [InlineData("Tiga ekor kucing di atap")]
    public void A_long_uncommon_password_is_accepted(string password) => Assert.True(Accepts(password));

    [Fact]
    public void Length_is_bounded_at_12_and_128()
    {
        Assert.False(Accepts("short-pw-11"));
        Assert.True(Accepts("twelve-chars"));
        Assert.True(Accepts(new string('x', 64) + new string('y', 64)));
        Assert.False(Accepts(new string('x', 64) + new string('y', 65)));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("PASSWORD1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("123456789012")]
    [InlineData("iloveyou2024")]
    [InlineData("bismillah123")]
    [InlineData("aaaaaaaaaaaa")]
    public void A_common_password_is_refused_whatever_its_case(string password) => Assert.False(Accepts(password));

    [Fact]
    public void A_password_containing_the_email_name_is_refused()
    {
        Assert.False(Accepts("my-Siti.Rahayu-secret", "siti.rahayu@example.com"));
        Assert.True(Accepts("my-Siti.Rahayu-secret", "budi@example.com"));
    }
}
