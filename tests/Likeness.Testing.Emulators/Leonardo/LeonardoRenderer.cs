using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Core.Scenarios;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Providers.Sim;
using Likeness.Testing.Emulators.Fal.Apps;

namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>
/// Renders a generation's images with the sim renderer: each image re-frames the Character Reference photo with the
/// probability <see cref="LeonardoFidelity"/> gives its strength, and otherwise a distractor's photo (or an empty
/// backdrop), deterministic by seed. The images are served from the media host, labelled simulated.
/// </summary>
internal sealed class LeonardoRenderer(LeonardoEmulatorOptions options, Uri mediaUri)
{
    private readonly ConcurrentDictionary<string, byte[]> _media = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool[]> _kept = new(StringComparer.Ordinal);

    /// <summary>Ground truth: for each image of a rendered generation, whether it kept the referenced person.</summary>
    public IReadOnlyList<bool> Kept(string generationId) => _kept.GetValueOrDefault(generationId) ?? [];

    public byte[]? Media(string name) => _media.GetValueOrDefault(name);

    /// <summary>The <c>generated_images</c> array: <c>[{id, url, nsfw, likeCount}]</c>.</summary>
    public JsonArray Render(LeonardoGeneration generation, IReadOnlyDictionary<string, LeonardoUpload> uploads)
    {
        JsonElement net = generation.Input.TryGetProperty("controlnets", out JsonElement nets) && nets.GetArrayLength() > 0 ? nets[0] : default;
        byte[]? reference = net.ValueKind == JsonValueKind.Object && uploads.GetValueOrDefault(net.GetProperty("initImageId").GetString()!) is { Bytes: { } b } ? b : null;
        double fidelity = LeonardoFidelity.Of(
            net.ValueKind == JsonValueKind.Object && net.TryGetProperty("strengthType", out JsonElement s) ? s.GetString() : null,
            net.ValueKind == JsonValueKind.Object && net.TryGetProperty("weight", out JsonElement w) ? w.GetDouble() : null);
        int width = generation.Int("width", 1024), height = generation.Int("height", 768);
        var images = new JsonArray();
        var kept = new bool[generation.Int("num_images", 4)];
        string prompt = generation.Input.TryGetProperty("prompt", out JsonElement text) ? text.GetString() ?? "" : "";
        bool nsfw = options.NsfwWords.Any(word => prompt.Contains(word, StringComparison.OrdinalIgnoreCase));
        for (int i = 0; i < kept.Length; i++)
        {
            var random = new Random(unchecked((int)((generation.Seed ?? generation.Id.GetHashCode(StringComparison.Ordinal)) * 31) + i));
            bool keep = reference is not null && random.NextDouble() < fidelity;
            kept[i] = keep;
            byte[]? source = keep ? reference : options.Distractors.Count > 0 ? options.Distractors[random.Next(options.Distractors.Count)] : null;
            byte[] jpeg = RenderOne(source, width, height, random);
            string id = Guid.NewGuid().ToString();
            string name = $"{generation.Id}/{id}.jpg";
            _media[name] = jpeg;
            images.Add(new JsonObject
            {
                ["id"] = id,
                ["url"] = new Uri(mediaUri, name).AbsoluteUri,
                ["nsfw"] = nsfw,
                ["likeCount"] = 0,
                ["motionMP4URL"] = null,
            });
        }

        _kept[generation.Id] = kept;
        return images;
    }

    private byte[] RenderOne(byte[]? source, int width, int height, Random random)
    {
        using Image? photo = source is null ? null : FalImageRenderer.TryDecode(source);
        FaceBox? face = photo is not null && options.Faces is { } faces ? FaceDistance.Largest(faces.Analyze(photo))?.Box : null;
        using Image shot = photo is null
            ? SimEffects.OutdoorBackdrop(width, height, random)
            : SimRenderer.Render(photo, face, Framing.CloseUp, false, width, height, random);
        return ImageEncoder.EncodeToBytes(shot, ImageFormat.Jpeg);
    }
}
