using Likeness.Imaging;
using Likeness.Inference.Clip;
using Likeness.Workspace.Composition;

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
        return OptionalModel.TryLoad(
            path, "CLIP-I and CLIP-T are off", ("CLIP", "clip"), ClipModelStore.IsModelDirectory,
            p => new ClipEngine(ClipEmbedder.Load(p), OptionalModel.Name("clip", p)), out problem);
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
