using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Providers.Astria;

/// <summary>Astria's JSON conventions: snake_case names, nulls left out of requests.</summary>
public static class AstriaJson
{
    /// <summary>The serializer options every Astria body uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Reads an entity.</summary>
    public static T Read<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Astria returned null where {typeof(T).Name} was expected.");
}
