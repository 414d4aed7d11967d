using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Providers.Fal;

/// <summary>fal's JSON conventions: snake_case names, nulls left out of requests.</summary>
public static class FalJson
{
    /// <summary>The serializer options every fal body uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serialises a model input.</summary>
    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>Reads a model output.</summary>
    public static T Read<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"fal returned null where {typeof(T).Name} was expected.");
}
