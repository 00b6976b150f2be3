using LoanPlatform.BuildingBlocks.Identity;
using System.Globalization;
using LoanPlatform.BuildingBlocks.Indonesia;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.Users.Contracts;

namespace LoanPlatform.Users.Validation;

/// <summary>Checks a registration and normalizes it, reporting every bad field in one 400 problem.</summary>
public static class RegistrationValidator
{
    public static ValidRegistration Validate(RegisterUserRequest request, DateOnly today)
    {
        var validation = new RequestValidation();
        var fullName = ProfileRules.FullName(validation, request.FullName);

        if (!EmailAddress.TryNormalize(request.Email, out var email))
        {
            validation.Add("email", "Email must be a valid address.");
        }

        var phone = ProfileRules.Phone(validation, request.Phone);

        DateOnly? dateOfBirth = DateOnly.TryParseExact(request.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        if (dateOfBirth is null)
        {
            validation.Add("dateOfBirth", "Date of birth must be a date in the form yyyy-MM-dd.");
        }
        else if (Nik.AgeOn(dateOfBirth.Value, today) < Nik.MinimumKtpAge)
        {
            validation.Add("dateOfBirth", $"You must be at least {Nik.MinimumKtpAge} years old.");
        }

        if (!Nik.TryParse(request.Nik?.Trim(), today, out var nik, out var nikError))
        {
            validation.Add("nik", nikError);
        }
        else if (dateOfBirth is { } declared && !nik.MatchesBirthDate(declared))
        {
            validation.Add("nik", "NIK does not match the date of birth.");
        }

        validation.Require(request.Password is { Length: >= ProfileRules.PasswordMin }, "password", $"Password must be at least {ProfileRules.PasswordMin} characters.");
        validation.Require(request.Consent is { Accepted: true }, "consent.accepted", "Consent must be accepted to register.");
        validation.Require(!string.IsNullOrWhiteSpace(request.Consent?.Version), "consent.version", "The version of the accepted terms is required.");

        var language = request.Language is null ? ProfileRules.DefaultLanguage : ProfileRules.Language(validation, request.Language);

        validation.ThrowIfInvalid();
        return new ValidRegistration(fullName!, email!, phone!, nik!, dateOfBirth!.Value, request.Password!, request.Consent!.Version!.Trim(), language!);
    }
}
