using System.Text.Json;
using System.Text.Json.Nodes;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>
/// Reads an app's input the way fal's pydantic models do: defaults for absent fields, and every problem collected
/// into one 422 <c>{"detail":[{loc, msg, type}]}</c>.
/// </summary>
internal sealed class FalInput
{
    private readonly JsonElement _root;
    private readonly JsonArray _errors = [];

    public FalInput(JsonElement root)
    {
        _root = root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error(["body"], "value is not a valid dict", "type_error.dict");
        }
    }

    /// <summary>The 422 answer when anything was wrong, else null.</summary>
    public FalOutcome? Failure => _errors.Count == 0 ? null : new FalOutcome(422, new JsonObject { ["detail"] = _errors.DeepClone() });

    public JsonElement? Field(string name) =>
        _root.ValueKind == JsonValueKind.Object && _root.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? RequiredString(string name)
    {
        string? value = String(name, null);
        if (value is null && Field(name) is null)
        {
            Missing(["body", name]);
        }

        return value;
    }

    public string? String(string name, string? fallback)
    {
        if (Field(name) is not { } value)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(["body", name], "str type expected", "type_error.str");
            return fallback;
        }

        return value.GetString();
    }

    public int Int(string name, int fallback, int min, int max)
    {
        if (Field(name) is not { } value)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number))
        {
            Error(["body", name], "value is not a valid integer", "type_error.integer");
            return fallback;
        }

        return InRange(name, number, min, max) ? number : fallback;
    }

    public double Number(string name, double fallback, double min, double max)
    {
        if (Field(name) is not { } value)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(["body", name], "value is not a valid float", "type_error.float");
            return fallback;
        }

        double number = value.GetDouble();
        return InRange(name, number, min, max) ? number : fallback;
    }

    public bool Bool(string name, bool fallback)
    {
        if (Field(name) is not { } value)
        {
            return fallback;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(["body", name], "value could not be parsed to a boolean", "type_error.bool");
            return fallback;
        }

        return value.GetBoolean();
    }

    public string Choice(string name, string fallback, params string[] allowed)
    {
        string? value = String(name, fallback);
        if (value is not null && Array.IndexOf(allowed, value) >= 0)
        {
            return value;
        }

        Error(["body", name], $"value is not a valid enumeration member; permitted: {string.Join(", ", allowed.Select(a => $"'{a}'"))}", "type_error.enum");
        return fallback;
    }

    public void Missing(JsonNode[] loc) => Error(loc, "field required", "value_error.missing");

    public void Error(JsonNode[] loc, string message, string type) =>
        _errors.Add(new JsonObject { ["loc"] = new JsonArray(loc), ["msg"] = message, ["type"] = type });

    /// <summary>fal's error for a file URL its runner could not download.</summary>
    public void Unreachable(JsonNode[] loc) =>
        Error(loc, "Failed to download the file. Please check if the URL is accessible.", "file_download_error");

    private bool InRange(string name, double value, double min, double max)
    {
        if (value < min)
        {
            Error(["body", name], $"ensure this value is greater than or equal to {min}", "value_error.number.not_ge");
            return false;
        }

        if (value > max)
        {
            Error(["body", name], $"ensure this value is less than or equal to {max}", "value_error.number.not_le");
            return false;
        }

        return true;
    }
}
