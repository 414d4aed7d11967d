namespace Likeness.Inference.Vision;

/// <summary>
/// The engine-neutral port for an image tower that pools an image into one embedding (DINOv2): preprocessed CHW
/// pixel values in, pooled (not normalised) embeddings out. Our engine (<see cref="Dino.DinoModel"/>) and other
/// backends (ONNX Runtime) implement it, so <see cref="Dino.DinoEmbedder"/> and its callers do not know which one runs.
/// </summary>
public interface IImageEmbedder : IDisposable
{
    /// <summary>Width of one embedding.</summary>
    int EmbeddingDimension { get; }

    /// <summary>Image sides must be multiples of this (the patch size).</summary>
    int PatchSize { get; }

    /// <summary>
    /// Embeds <paramref name="count"/> preprocessed images, each [3, <paramref name="height"/>, <paramref name="width"/>],
    /// into <paramref name="embeddings"/> (count × <see cref="EmbeddingDimension"/>).
    /// </summary>
    void EmbedImages(ReadOnlySpan<float> pixelValues, int count, int height, int width, Span<float> embeddings);
}
