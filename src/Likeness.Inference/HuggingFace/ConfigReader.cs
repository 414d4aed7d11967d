using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.HuggingFace;

/// <summary>Reads typed fields of a Hugging Face <c>config.json</c>; a missing field takes its default, a mistyped one is an invalid model naming the field.</summary>
internal sealed class ConfigReader(string fileName)
{
    /// <summary>Parses the file's text; anything but a JSON object is an invalid model.</summary>
    public JsonObject Root(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject
                ?? throw new InvalidModelException($"{fileName}: the config is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidModelException($"{fileName}: not valid JSON ({ex.Message}).", ex);
        }
    }

    /// <summary>A required nested object; <paramref name="hint"/> says what the config should hold.</summary>
    public JsonObject Section(JsonObject root, string key, string hint) =>
        root[key] as JsonObject
        ?? throw new InvalidModelException($"{fileName}: missing field '{key}' ({hint}).");

    /// <summary>An integer field.</summary>
    public int Int(JsonObject section, string key, int fallback) => Value(section, key, fallback, "an integer");

    /// <summary>A number field.</summary>
    public double Double(JsonObject section, string key, double fallback) => Value(section, key, fallback, "a number");

    /// <summary>A string field.</summary>
    public string? String(JsonObject section, string key, string? fallback) => Value(section, key, fallback, "a string");

    /// <summary>A true/false field.</summary>
    public bool Bool(JsonObject section, string key, bool fallback) => Value(section, key, fallback, "true or false");

    private T Value<T>(JsonObject section, string key, T fallback, string kind)
    {
        JsonNode? node = section[key];
        if (node is null)
        {
            return fallback;
        }

        return node is JsonValue value && value.TryGetValue(out T? result)
            ? result
            : throw new InvalidModelException($"{fileName}: field '{key}' must be {kind}, got {node.ToJsonString()}.");
    }
}
