using System.Globalization;
using System.Text;

namespace LoanPlatform.BuildingBlocks.Storage.Cosmos;

/// <summary>
/// Physical Cosmos ids: the document type in front keeps types sharing a container from colliding, and the
/// characters Cosmos DB forbids in ids (/ \ ? #) are escaped as ~XX, with ~ itself escaped so decoding is exact.
/// </summary>
internal static class CosmosIds
{
    private const char Escape = '~';
    private const char Separator = ':';

    public static string Physical(string documentType, string id)
    {
        var physical = new StringBuilder(documentType.Length + id.Length + 1).Append(documentType).Append(Separator);
        foreach (var character in id)
        {
            if (character is Escape or '/' or '\\' or '?' or '#')
            {
                physical.Append(Escape).Append(((int)character).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                physical.Append(character);
            }
        }

        return physical.ToString();
    }

    public static string Logical(string physicalId)
    {
        var encoded = physicalId.AsSpan(physicalId.IndexOf(Separator, StringComparison.Ordinal) + 1);
        var id = new StringBuilder(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == Escape)
            {
                id.Append((char)int.Parse(encoded.Slice(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                id.Append(encoded[i]);
            }
        }

        return id.ToString();
    }
}
