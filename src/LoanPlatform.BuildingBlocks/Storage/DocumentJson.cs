using System.Text.Json;

namespace LoanPlatform.BuildingBlocks.Storage;

/// <summary>
/// The one place that turns document bodies and filter values into JSON, so both adapters store
/// and compare exactly the same camelCase representation.
/// </summary>
internal static class DocumentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static void Write<T>(Utf8JsonWriter writer, T value) => JsonSerializer.Serialize(writer, value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("A stored document body was null.");

    public static T Deserialize<T>(JsonElement json) =>
        json.Deserialize<T>(Options) ?? throw new JsonException("A stored document body was null.");

    /// <summary>
    /// Reduces a filter value to the scalar its JSON form holds (string, long, double or bool), so an enum or
    /// a custom-converted value is compared the way it was written into the body.
    /// </summary>
    public static object ToScalar(object value)
    {
        var element = JsonSerializer.SerializeToElement(value, value.GetType(), Options);
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ArgumentException($"Only string, number or boolean values can be filtered on, not {element.ValueKind}.", nameof(value)),
        };
    }
}
