using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Validation;

namespace LoanPlatform.Users.Tests.Unit;

public sealed class RegistrationValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static readonly RegisterUserRequest Valid = new(
        " Siti Rahayu ", "Siti@Example.com", "0812-3456-7890", "3171074506900001", "1990-06-05", "correct-horse-battery",
        new ConsentRequest(true, "2025-01"), null);

    [Fact]
    public void A_valid_registration_is_normalized()
    {
        var registration = RegistrationValidator.Validate(Valid, Today);

        Assert.Equal("Siti Rahayu", registration.FullName);
        Assert.Equal("siti@example.com", registration.Email);
        Assert.Equal("+6281234567890", registration.Phone);
        Assert.Equal("id", registration.Language);
        Assert.DoesNotContain("correct-horse", registration.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fullName")]
    [InlineData("email")]
    [InlineData("phone")]
    [InlineData("nik")]
    [InlineData("dateOfBirth")]
    [InlineData("password")]
    [InlineData("consent.accepted")]
    [InlineData("language")]
    public void Each_rule_names_its_field(string field)
    {
        var request = field switch
        {
            "fullName" => Valid with { FullName = new string('x', 101) },
            "email" => Valid with { Email = "siti@" },
            "phone" => Valid with { Phone = "021-5551234" },
            "nik" => Valid with { Nik = "3171074506900000" },
            "dateOfBirth" => Valid with { DateOfBirth = "1990/06/05" },
            "password" => Valid with { Password = "elevenchars" },
            "consent.accepted" => Valid with { Consent = new ConsentRequest(false, "2025-01") },
            _ => Valid with { Language = "jv" },
        };

        var problem = Assert.Throws<ProblemException>(() => RegistrationValidator.Validate(request, Today));

        var errors = Assert.IsType<Dictionary<string, string[]>>(problem.Extensions["errors"]);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Under_17s_cannot_register()
    {
        var request = Valid with { Nik = "3171072611090001", DateOfBirth = "2009-11-26" };

        var problem = Assert.Throws<ProblemException>(() => RegistrationValidator.Validate(request, Today));

        Assert.Equal(["dateOfBirth"], Assert.IsType<Dictionary<string, string[]>>(problem.Extensions["errors"]).Keys);
    }

    [Fact]
    public void A_17th_birthday_is_old_enough()
    {
        var registration = RegistrationValidator.Validate(Valid with { Nik = "3171072511090001", DateOfBirth = "2009-11-25" }, Today);

        Assert.Equal(new DateOnly(2009, 11, 25), registration.DateOfBirth);
    }
}
