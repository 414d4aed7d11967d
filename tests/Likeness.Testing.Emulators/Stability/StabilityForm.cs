using System.Globalization;
using Likeness.Imaging;
using Likeness.Testing.Emulators.Fal.Apps;

namespace Likeness.Testing.Emulators.Stability;

/// <summary>
/// One request's multipart form checked the way the v2beta schemas describe it (providers.md §5): every problem is
/// collected for one 400 <c>{"id","name":"bad_request","errors":[...]}</c>.
/// </summary>
internal sealed class StabilityForm
{
    private static readonly string[] AspectRatios = ["16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21"];
    private static readonly string[] Models = ["sd3.5-large", "sd3.5-large-turbo", "sd3.5-medium", "sd3-large", "sd3-large-turbo", "sd3-medium"];
    private readonly List<string> _errors = [];

    public StabilityForm(string endpoint, IReadOnlyDictionary<string, string> fields, byte[]? image)
    {
        Endpoint = endpoint;
        Fields = fields;
        string prompt = fields.GetValueOrDefault("prompt") ?? "";
        if (prompt.Length is 0 or > 10_000)
        {
            _errors.Add("prompt: required, 1 to 10000 characters");
        }

        OutputFormat = fields.GetValueOrDefault("output_format") ?? "png";
        if (OutputFormat is not ("jpeg" or "png" or "webp"))
        {
            _errors.Add("output_format: must be one of jpeg, png, webp");
        }

        Seed = Number("seed", 0, 4_294_967_294) is { } seed ? (long)seed : 0;
        string kind = endpoint[(endpoint.LastIndexOf('/') + 1)..];
        bool needsImage = kind is "structure" or "style";
        if (kind == "sd3")
        {
            string mode = fields.GetValueOrDefault("mode") ?? "text-to-image";
            if (mode is not ("text-to-image" or "image-to-image"))
            {
                _errors.Add("mode: must be text-to-image or image-to-image");
            }

            if (fields.GetValueOrDefault("model") is { } model && !Models.Contains(model))
            {
                _errors.Add($"model: must be one of {string.Join(", ", Models)}");
            }

            needsImage = mode == "image-to-image";
            if (needsImage && Number("strength", 0, 1) is null)
            {
                _errors.Add("strength: required for image-to-image, 0 to 1");
            }
        }

        if (kind == "structure")
        {
            Number("control_strength", 0, 1);
        }

        if (kind == "style")
        {
            Number("fidelity", 0, 1);
        }

        AspectRatio = fields.GetValueOrDefault("aspect_ratio") ?? "1:1";
        if (!AspectRatios.Contains(AspectRatio))
        {
            _errors.Add($"aspect_ratio: must be one of {string.Join(", ", AspectRatios)}");
        }

        if (needsImage)
        {
            Image = image is null ? null : Read(image);
            if (image is null)
            {
                _errors.Add("image: required");
            }
        }
    }

    public string Endpoint { get; }

    public IReadOnlyDictionary<string, string> Fields { get; }

    public string OutputFormat { get; }

    public long Seed { get; }

    public string AspectRatio { get; }

    /// <summary>The decoded input image, when one was required and valid.</summary>
    public Image? Image { get; }

    public IReadOnlyList<string> Errors => _errors;

    private Image? Read(byte[] bytes)
    {
        Image? decoded = FalImageRenderer.TryDecode(bytes);
        if (decoded is null)
        {
            _errors.Add("image: could not be decoded as jpeg, png or webp");
            return null;
        }

        long pixels = (long)decoded.Width * decoded.Height;
        if (decoded.Width < 64 || decoded.Height < 64 || pixels is < 4096 or > 4_194_304)
        {
            _errors.Add($"image: each side must be at least 64 px and the total 4,096 to 4,194,304 pixels (got {decoded.Width}x{decoded.Height})");
            decoded.Dispose();
            return null;
        }

        return decoded;
    }

    private double? Number(string name, double min, double max)
    {
        if (!Fields.TryGetValue(name, out string? text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max)
        {
            return value;
        }

        _errors.Add($"{name}: must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }
}
