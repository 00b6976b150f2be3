using LoanPlatform.BuildingBlocks.Problems;

namespace LoanPlatform.Users.Validation;

/// <summary>Field rules shared by registration and profile updates.</summary>
public static class ProfileRules
{
    /// <summary>What a message greets a person by: the first word of their full name.</summary>
    public static string FirstName(string fullName) => fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    public const int FullNameMin = 2;
    public const int FullNameMax = 100;
    public const int PasswordMin = 12;
    public const string DefaultLanguage = "id";

    public static readonly IReadOnlyList<string> Languages = ["id", "en"];

    public static string? FullName(RequestValidation validation, string? value)
    {
        var trimmed = value?.Trim();
        if (trimmed is { Length: >= FullNameMin and <= FullNameMax })
        {
            return trimmed;
        }

        validation.Add("fullName", $"Full name must be {FullNameMin} to {FullNameMax} characters.");
        return null;
    }

    public static string? Phone(RequestValidation validation, string? value)
    {
        if (IndonesianPhoneNumbers.TryNormalize(value, out var phone))
        {
            return phone;
        }

        validation.Add("phone", "Phone must be an Indonesian mobile number (08…, 628… or +628…).");
        return null;
    }

    public static string? Language(RequestValidation validation, string? value)
    {
        var language = value?.Trim().ToLowerInvariant();
        validation.Require(language is not null && Languages.Contains(language), "language", "Language must be \"id\" or \"en\".");
        return language;
    }
}
