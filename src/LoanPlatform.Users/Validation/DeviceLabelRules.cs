using LoanPlatform.BuildingBlocks.Problems;

namespace LoanPlatform.Users.Validation;

/// <summary>A device's optional name, the same for every device type: trimmed, blank means none.</summary>
public static class DeviceLabelRules
{
    public const int LabelMax = 60;

    public static string? Validate(string? value, RequestValidation validation)
    {
        var label = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        validation.Require(label is null || (label.Length <= LabelMax && !label.Any(char.IsControl)), "label", $"Label must be at most {LabelMax} characters, without control characters.");
        return label;
    }
}
