using System.Text.Json;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>The image fields FLUX-family apps share (size, count, seed, format, sync mode).</summary>
internal sealed record FalImageSettings(string Prompt, int Width, int Height, int NumImages, int Seed, string OutputFormat, bool SyncMode)
{
    /// <summary>Preset sizes; fal does not publish them (providers.md: UNCONFIRMED), these follow the common reading.</summary>
    private static readonly Dictionary<string, (int Width, int Height)> Presets = new(StringComparer.Ordinal)
    {
        ["square_hd"] = (1024, 1024),
        ["square"] = (512, 512),
        ["portrait_4_3"] = (768, 1024),
        ["portrait_16_9"] = (576, 1024),
        ["landscape_4_3"] = (1024, 768),
        ["landscape_16_9"] = (1024, 576),
    };

    /// <summary>Largest side the emulator renders (fal allows more; tests never need it).</summary>
    private const int MaxSide = 4096;

    public static FalImageSettings Read(FalInput input, string defaultSize)
    {
        string prompt = input.RequiredString("prompt") ?? "";
        (int width, int height) = Size(input, defaultSize);
        int count = input.Int("num_images", 1, 1, 4);
        int seed = input.Int("seed", Random.Shared.Next(), int.MinValue, int.MaxValue);
        string format = input.Choice("output_format", "jpeg", "jpeg", "png");
        bool sync = input.Bool("sync_mode", false);
        input.Number("guidance_scale", 3.5, 0, 20);
        input.Int("num_inference_steps", 28, 1, 50);
        input.Bool("enable_safety_checker", true);
        return new FalImageSettings(prompt, width, height, count, seed, format, sync);
    }

    private static (int Width, int Height) Size(FalInput input, string defaultSize)
    {
        JsonElement? field = input.Field("image_size");
        if (field is null)
        {
            return Presets[defaultSize];
        }

        JsonElement value = field.Value;
        if (value.ValueKind == JsonValueKind.String)
        {
            if (Presets.TryGetValue(value.GetString()!, out (int Width, int Height) preset))
            {
                return preset;
            }

            input.Error(["body", "image_size"], $"value is not a valid enumeration member; permitted: {string.Join(", ", Presets.Keys.Select(k => $"'{k}'"))}", "type_error.enum");
            return Presets[defaultSize];
        }

        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("width", out JsonElement w) && w.TryGetInt32(out int width)
            && value.TryGetProperty("height", out JsonElement h) && h.TryGetInt32(out int height))
        {
            if (width is >= 1 and <= MaxSide && height is >= 1 and <= MaxSide)
            {
                return (width, height);
            }

            input.Error(["body", "image_size"], $"width and height must be between 1 and {MaxSide}", "value_error.number.not_le");
            return Presets[defaultSize];
        }

        input.Error(["body", "image_size"], "value is not a valid ImageSize or preset", "type_error");
        return Presets[defaultSize];
    }
}
