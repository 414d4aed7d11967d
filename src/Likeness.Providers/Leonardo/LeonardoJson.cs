using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Providers.Leonardo;

/// <summary>Leonardo's JSON: the models carry their wire names; nulls are left out of requests.</summary>
public static class LeonardoJson
{
    /// <summary>The serializer options every Leonardo body uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Reads a body.</summary>
    public static T Read<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Leonardo returned null where {typeof(T).Name} was expected.");
}
