using System.Text.RegularExpressions;

namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>
/// Names that end up inside SQL text or physical ids: checked against a strict identifier pattern
/// because they cannot be passed as parameters.
/// </summary>
internal static partial class DocumentNames
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    public static string FieldName(string field) =>
        Identifier().IsMatch(field) ? field : throw new ArgumentException($"'{field}' is not a valid field name to filter on.", nameof(field));

    public static string DocumentType(string documentType) =>
        Identifier().IsMatch(documentType) ? documentType : throw new ArgumentException($"'{documentType}' is not a valid document type name.", nameof(documentType));
}
