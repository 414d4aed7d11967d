using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Cli.Hosting;

/// <summary>The JSON conventions of every <c>--json</c> output: snake_case names, enums as lower-case strings.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>One line of JSON.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
