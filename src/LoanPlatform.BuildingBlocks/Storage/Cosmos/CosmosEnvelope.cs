using System.Text.Json;

namespace LoanPlatform.BuildingBlocks.Storage.Cosmos;

/// <summary>
/// The stored item: <c>{ id, pk, type, data, ttl? }</c>. The body sits under <c>data</c> so its own
/// properties can never clash with the ones Cosmos DB and this adapter need.
/// </summary>
internal static class CosmosEnvelope
{
    public static MemoryStream Write<T>(string documentType, string partitionKey, string id, T value, DocumentWriteOptions? options)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", CosmosIds.Physical(documentType, id));
            writer.WriteString("pk", partitionKey);
            writer.WriteString("type", documentType);
            writer.WritePropertyName("data");
            DocumentJson.Write(writer, value);
            if (options?.TimeToLive is { } ttl)
            {
                // Cosmos DB counts whole seconds; rounding up never expires a document early.
                writer.WriteNumber("ttl", Math.Max(1, (int)Math.Ceiling(ttl.TotalSeconds)));
            }

            writer.WriteEndObject();
        }

        stream.Position = 0;
        return stream;
    }

    public static StoredDocument<T> Read<T>(JsonElement item, string? etag = null) where T : class =>
        new(
            item.GetProperty("pk").GetString()!,
            CosmosIds.Logical(item.GetProperty("id").GetString()!),
            DocumentJson.Deserialize<T>(item.GetProperty("data")),
            etag ?? item.GetProperty("_etag").GetString()!);
}
