namespace Likeness.Inference.Clip;

/// <summary>
/// The engine-neutral port for CLIP's two towers: preprocessed pixel values (<see cref="ClipPreprocessor"/>) and
/// token ids (<see cref="Tokenization.ClipTokenizer"/>) in, projected (not normalised) embeddings out. Our engine
/// (<see cref="ClipModel"/>) and other backends (ONNX Runtime) implement it, so <see cref="ClipEmbedder"/> and its
/// callers do not know which one runs.
/// </summary>
public interface IClipTowers : IDisposable
{
    /// <summary>Width of the image and text embeddings.</summary>
    int EmbeddingDimension { get; }

    /// <summary>The image side the vision tower takes.</summary>
    int ImageSize { get; }

    /// <summary>Floats per preprocessed image (3 × size × size).</summary>
    int PixelCount { get; }

    /// <summary>Tokens per text sequence (the text tower's positions).</summary>
    int ContextLength { get; }

    /// <summary><c>exp(logit_scale)</c>: the factor between cosine similarity and CLIP logits.</summary>
    float LogitScale { get; }

    /// <summary>Embeds <paramref name="count"/> preprocessed images ([3, size, size] each) into <paramref name="embeddings"/>.</summary>
    void EmbedImages(ReadOnlySpan<float> pixelValues, int count, Span<float> embeddings);

    /// <summary>Embeds token sequences into <paramref name="embeddings"/> (count × <see cref="EmbeddingDimension"/>).</summary>
    void EmbedTokens(IReadOnlyList<int[]> tokenIds, Span<float> embeddings);
}
