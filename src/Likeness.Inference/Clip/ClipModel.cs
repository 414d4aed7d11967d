using Likeness.Inference.HuggingFace;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Transformers;

namespace Likeness.Inference.Clip;

/// <summary>
/// A CLIP model (both towers and projections) loaded from a Hugging Face folder: <c>config.json</c> +
/// <c>model.safetensors</c> (F32, F16 or BF16). Computes in F32. Thread-safe for concurrent embedding calls.
/// Keeps the weights file mapped (the token embedding is read from it), so dispose it when done.
/// </summary>
public sealed class ClipModel : IClipTowers
{
    /// <summary>The config file name in a model folder.</summary>
    public const string ConfigFileName = ModelFolders.ConfigFileName;

    /// <summary>The weights file name in a model folder.</summary>
    public const string WeightsFileName = ModelFolders.WeightsFileName;

    private readonly SafetensorsFile _file;
    private readonly ClipVisionTower _vision;
    private readonly ClipTextTower _text;

    private ClipModel(ClipConfig config, SafetensorsFile file)
    {
        Config = config;
        _file = file;
        _vision = new ClipVisionTower(file, config.Vision, config.ProjectionDim);
        _text = new ClipTextTower(file, config.Text, config.ProjectionDim);
        LogitScale = MathF.Exp(file.ReadSingles("logit_scale")[0]);
    }

    /// <summary>The sizes read from <c>config.json</c>.</summary>
    public ClipConfig Config { get; }

    /// <summary>Width of the image and text embeddings.</summary>
    public int EmbeddingDimension => Config.ProjectionDim;

    /// <summary><c>exp(logit_scale)</c> from the weights: the factor between cosine similarity and CLIP logits.</summary>
    public float LogitScale { get; }

    /// <summary>Floats per preprocessed image (3 × size × size).</summary>
    public int PixelCount => _vision.PixelCount;

    /// <inheritdoc />
    public int ImageSize => Config.Vision.ImageSize;

    /// <inheritdoc />
    public int ContextLength => Config.Text.MaxPositionEmbeddings;

    /// <summary>Threads each forward pass may use; 0 = every core.</summary>
    public int DegreeOfParallelism { get; set; }

    /// <summary>Loads <c>config.json</c> and <c>model.safetensors</c> from <paramref name="directory"/>.</summary>
    public static ClipModel Load(string directory) =>
        Load(Path.Combine(directory, ConfigFileName), Path.Combine(directory, WeightsFileName));

    /// <summary>Loads a model from a config and a weights file; throws <see cref="InvalidModelException"/> naming what is wrong.</summary>
    public static ClipModel Load(string configPath, string weightsPath)
    {
        ClipConfig config = ClipConfig.Load(configPath);
        return ModelFolders.OpenWeights(weightsPath, file => new ClipModel(config, file));
    }

    /// <summary>
    /// Embeds <paramref name="count"/> preprocessed images (<see cref="ClipPreprocessor"/> output, [3, size, size]
    /// each) into <paramref name="embeddings"/> (count × <see cref="EmbeddingDimension"/>, projected, not normalised).
    /// </summary>
    public void EmbedImages(ReadOnlySpan<float> pixelValues, int count, Span<float> embeddings) =>
        _vision.Forward(pixelValues, count, embeddings, DegreeOfParallelism);

    /// <summary>
    /// Embeds token sequences (<see cref="Tokenization.ClipTokenizer.Tokenize"/> output) into
    /// <paramref name="embeddings"/> (count × <see cref="EmbeddingDimension"/>, projected, not normalised).
    /// </summary>
    public void EmbedTokens(IReadOnlyList<int[]> tokenIds, Span<float> embeddings)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        _text.Forward(tokenIds, embeddings, DegreeOfParallelism);
    }

    internal void EmbedImages(ReadOnlySpan<float> pixelValues, int count, Span<float> embeddings, HiddenStateObserver observer) =>
        _vision.Forward(pixelValues, count, embeddings, DegreeOfParallelism, observer);

    internal void EmbedTokens(IReadOnlyList<int[]> tokenIds, Span<float> embeddings, HiddenStateObserver observer) =>
        _text.Forward(tokenIds, embeddings, DegreeOfParallelism, observer);

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
