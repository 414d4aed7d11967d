using System.Collections.Concurrent;
using Likeness.Core.Gates;
using Likeness.Imaging;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Faces;
using Microsoft.Extensions.Options;

namespace Likeness.Workspace.Gates;

/// <summary>
/// The distractor faces gate calibrations count as impostors besides the cast: every face in every photo of the
/// distractor folder (<see cref="WorkspaceOptions.EffectiveDistractorsPath"/>), described by the face engine, or
/// every photo embedded by CLIP for the whole-image metric. Read once per metric and model, on first use.
/// </summary>
public sealed class DistractorSet(IOptions<WorkspaceOptions> options, FaceEngineSource faces, ClipEngineSource clip)
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp", ".ppm", ".pgm"];
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<IReadOnlyList<float>>>> _cache = new(StringComparer.Ordinal);

    /// <summary>The photo files, in a stable order.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            string folder = options.Value.EffectiveDistractorsPath;
            return Directory.Exists(folder)
                ? [.. Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal)]
                : [];
        }
    }

    /// <summary>The distractor embeddings for <paramref name="metric"/> with the engine named <paramref name="model"/>.</summary>
    public IReadOnlyList<IReadOnlyList<float>> For(string metric, string model, CancellationToken cancellationToken) =>
        _cache.GetOrAdd($"{metric}|{model}", _ => new Lazy<IReadOnlyList<IReadOnlyList<float>>>(() => Load(metric, model, cancellationToken))).Value;

    private List<IReadOnlyList<float>> Load(string metric, string model, CancellationToken cancellationToken)
    {
        var result = new List<IReadOnlyList<float>>();
        foreach (string file in Files)
        {
            using DecodedImage decoded = ImageDecoder.Decode(File.ReadAllBytes(file), DecodeOptions.Upright);
            if (metric == GateMetrics.Face && faces.Engine is { } engine && engine.Name == model)
            {
                result.AddRange(engine.Analyze(decoded.Image, cancellationToken).Where(f => f.Descriptor.Count > 0).Select(f => f.Descriptor));
            }
            else if (metric == GateMetrics.ClipImage && clip.Engine is { } c && c.Name == model)
            {
                result.Add(c.EmbedImage(decoded.Image));
            }
        }

        return result;
    }
}
