using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LoanPlatform.BuildingBlocks.Audit;

/// <summary>hash = SHA-256(previous hash + canonical JSON of the record without its own hash), lower-case hex.</summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    // Fixed options, not the store's: the canonical form must never change with serializer settings elsewhere.
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web);

    public static string CanonicalJson(AuditRecord record) => JsonSerializer.Serialize(record with { Hash = "" }, Canonical);

    public static string Compute(AuditRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(record.PreviousHash + CanonicalJson(record))));
}
