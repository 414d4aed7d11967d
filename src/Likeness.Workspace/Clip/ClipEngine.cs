using Likeness.Imaging;
using Likeness.Inference.Clip;
using Likeness.Inference.Safetensors;

namespace Likeness.Workspace.Clip;

/// <summary>
/// The optional CLIP engine of a workspace, for CLIP-I (image vs image) and CLIP-T (image vs text) scores.
/// Calls are serialised: the engine already spreads one batch over all cores. Absent when no model is installed.
/// Compare its embeddings with <see cref="ClipMetrics.Cosine"/>.
/// </summary>
public sealed class ClipEngine : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ClipEmbedder _embedder;

    /// <summary>Wraps an embedder, which the engine then owns.</summary>
    public ClipEngine(ClipEmbedder embedder, string name)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        Name = name;
    }

    /// <summary>Which model ("clip/openai-clip-vit-base-patch32"); scores of different models are never mixed.</summary>
    public string Name { get; }

    /// <summary>The engine with the installed model (<see cref="ClipModelStore.Default"/>) or <paramref name="directory"/>; null (and why) when there is none.</summary>
    public static ClipEngine? TryLoad(string? directory, out string? problem)
    {
        string path = directory ?? ClipModelStore.Default.ClipDirectory;
        if (!ClipModelStore.IsModelDirectory(path))
        {
            problem = $"CLIP-I and CLIP-T are off: no CLIP model in {path} (get one with 'likeness models fetch clip').";
            return null;
        }

        try
        {
            problem = null;
            return new ClipEngine(ClipEmbedder.Load(path), "clip/" + Path.GetFileName(Path.TrimEndingDirectorySeparator(path)));
        }
        catch (Exception ex) when (ex is InvalidModelException or IOException or InvalidDataException)
        {
            problem = $"CLIP-I and CLIP-T are off: the CLIP model in {path} cannot be used ({ex.Message}).";
            return null;
        }
    }

    /// <summary>The image's embedding, normalised to unit length.</summary>
    public float[] EmbedImage(Image image)
    {
        lock (_gate)
        {
            return ClipMetrics.Normalize(_embedder.EmbedImage(image));
        }
    }

    /// <summary>The text's embedding, normalised to unit length.</summary>
    public float[] EmbedText(string text)
    {
        lock (_gate)
        {
            return ClipMetrics.Normalize(_embedder.EmbedText(text));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _embedder.Dispose();
}
