using System.Collections.Concurrent;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Transforms;
using Likeness.Inference.Clip;
using Likeness.Inference.Dino;
using Likeness.Workspace.Composition;

namespace Likeness.Workspace.Dino;

/// <summary>
/// The optional DINOv2 engine of a workspace, for DINO-I (whole-character similarity). Calls are serialised: the model
/// already spreads one batch over all cores. Reference embeddings are kept by asset hash, so each reference is embedded
/// once per process. Absent when no model is installed.
/// </summary>
public sealed class DinoEngine : IDisposable
{
    private readonly Lock _gate = new();
    private readonly DinoEmbedder _embedder;
    private readonly ConcurrentDictionary<string, DinoImageEmbeddings> _references = new(StringComparer.Ordinal);

    /// <summary>Wraps an embedder, which the engine then owns.</summary>
    public DinoEngine(DinoEmbedder embedder, string name)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        Name = name;
    }

    /// <summary>Which model ("dino/facebook-dinov2-small"); scores of different models are never mixed.</summary>
    public string Name { get; }

    /// <summary>
    /// The engine with the model in <paramref name="directory"/>, or with the installed one (<see cref="DinoModelStore.Default"/>)
    /// when <paramref name="directory"/> is null and <paramref name="installedWhenNull"/>; null (and why) when there is none.
    /// </summary>
    public static DinoEngine? TryLoad(string? directory, bool installedWhenNull, out string? problem)
    {
        if (directory is null && !installedWhenNull)
        {
            problem = null;
            return null;
        }

        return OptionalModel.TryLoad(
            directory ?? DinoModelStore.Default.DinoDirectory, "DINO-I is off", ("DINOv2", "dino"), DinoModelStore.IsModelDirectory,
            p => new DinoEngine(DinoEmbedder.Load(p), OptionalModel.Name("dino", p)), out problem);
    }

    /// <summary>The unit embeddings of the whole image and of its character crop around <paramref name="face"/>, in one batch.</summary>
    public DinoImageEmbeddings Embed(Image image, FaceBox? face)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (x, y, width, height) = CharacterCrop.For(image.Width, image.Height, face);
        bool whole = x == 0 && y == 0 && width == image.Width && height == image.Height;
        using Image? crop = whole ? null : Geometry.Crop(image, x, y, width, height);
        float[][] embeddings;
        lock (_gate)
        {
            embeddings = _embedder.EmbedImages(crop is null ? [image] : [image, crop]);
        }

        float[] all = ClipMetrics.Normalize(embeddings[0]);
        return new DinoImageEmbeddings(all, crop is null ? all : ClipMetrics.Normalize(embeddings[1]), face is not null);
    }

    /// <summary>A reference's embeddings kept under its asset hash, when it was embedded before.</summary>
    public bool TryGetReference(string assetSha256, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DinoImageEmbeddings? embeddings) =>
        _references.TryGetValue(assetSha256, out embeddings);

    /// <summary>Keeps a reference's embeddings under its asset hash (the first kept wins) and returns the kept ones.</summary>
    public DinoImageEmbeddings KeepReference(string assetSha256, DinoImageEmbeddings embeddings) => _references.GetOrAdd(assetSha256, embeddings);

    /// <inheritdoc />
    public void Dispose() => _embedder.Dispose();
}
