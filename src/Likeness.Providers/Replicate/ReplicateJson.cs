using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Providers.Replicate;

/// <summary>Replicate's JSON conventions: snake_case names, nulls left out of requests.</summary>
public static class ReplicateJson
{
    /// <summary>The serializer options every Replicate body uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serialises a value to a JSON element.</summary>
    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>Reads a Replicate object.</summary>
    public static T Read<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Replicate returned null where {typeof(T).Name} was expected.");
}
