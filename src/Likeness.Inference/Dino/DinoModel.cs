using System.Buffers;
using Likeness.Inference.Kernels;
using Likeness.Inference.Kernels.Transformer;
using Likeness.Inference.HuggingFace;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Transformers;
using Likeness.Inference.Vision;

namespace Likeness.Inference.Dino;

/// <summary>
/// A DINOv2 vision transformer (HF <c>Dinov2Model</c> or <c>Dinov2WithRegistersModel</c>) loaded from a Hugging Face
/// folder: <c>config.json</c> + <c>model.safetensors</c> (F32, F16 or BF16), computed in F32 with the original
/// model's semantics (see <c>Dino/README.md</c>). Inputs are preprocessed CHW images whose sides are multiples of the
/// patch size; a batch goes through every linear layer as one GEMM. Thread-safe for concurrent calls.
/// </summary>
public sealed class DinoModel : IImageEmbedder
{
    /// <summary>The config file name in a model folder.</summary>
    public const string ConfigFileName = ModelFolders.ConfigFileName;

    /// <summary>The weights file name in a model folder.</summary>
    public const string WeightsFileName = ModelFolders.WeightsFileName;

    private readonly SafetensorsFile _file;
    private readonly DinoEmbeddings _embeddings;
    private readonly Encoder _encoder;
    private readonly float[] _normGamma, _normBeta;

    private DinoModel(DinoConfig config, SafetensorsFile file)
    {
        Config = config;
        _file = file;
        int d = config.HiddenSize;
        _embeddings = new DinoEmbeddings(file, config);
        _encoder = new Encoder(
            file,
            EncoderBlockNames.Dinov2,
            i => $"encoder.layer.{i}.",
            config.NumHiddenLayers,
            d,
            config.IntermediateSize,
            config.NumAttentionHeads,
            (float)config.LayerNormEps,
            Activation.Gelu);
        _normGamma = file.ReadSingles("layernorm.weight", d);
        _normBeta = file.ReadSingles("layernorm.bias", d);
    }

    /// <summary>The sizes read from <c>config.json</c>.</summary>
    public DinoConfig Config { get; }

    /// <summary>Width of the pooled embedding (the hidden size).</summary>
    public int EmbeddingDimension => Config.HiddenSize;

    /// <inheritdoc />
    public int PatchSize => Config.PatchSize;

    /// <summary>Threads each forward pass may use; 0 = every core.</summary>
    public int DegreeOfParallelism { get; set; }

    /// <summary>Loads <c>config.json</c> and <c>model.safetensors</c> from <paramref name="directory"/>.</summary>
    public static DinoModel Load(string directory) =>
        Load(Path.Combine(directory, ConfigFileName), Path.Combine(directory, WeightsFileName));

    /// <summary>Loads a model from a config and a weights file; throws <see cref="InvalidModelException"/> naming what is wrong.</summary>
    public static DinoModel Load(string configPath, string weightsPath)
    {
        DinoConfig config = DinoConfig.Load(configPath);
        return ModelFolders.OpenWeights(weightsPath, file => new DinoModel(config, file));
    }

    /// <summary>Tokens of one image of <paramref name="height"/> × <paramref name="width"/>: the class token, the registers, the patches.</summary>
    public int TokenCount(int height, int width)
    {
        CheckSize(height, width);
        return _embeddings.TokenCount(height, width);
    }

    /// <summary>
    /// Pooled embeddings (HF <c>pooler_output</c>: the final LayerNorm of the class token, not normalised) of
    /// <paramref name="count"/> preprocessed images, each [3, <paramref name="height"/>, <paramref name="width"/>], into
    /// <paramref name="embeddings"/> (count × <see cref="EmbeddingDimension"/>).
    /// </summary>
    public void EmbedImages(ReadOnlySpan<float> pixelValues, int count, int height, int width, Span<float> embeddings) =>
        Forward(pixelValues, count, height, width, embeddings, allTokens: false, observer: null);

    /// <summary>
    /// Every token after the final LayerNorm (HF <c>last_hidden_state</c>): count × <see cref="TokenCount"/> rows of
    /// <see cref="EmbeddingDimension"/>, class token first, then the registers, then the patches in row-major grid order.
    /// </summary>
    public void EncodeImages(ReadOnlySpan<float> pixelValues, int count, int height, int width, Span<float> lastHiddenState) =>
        Forward(pixelValues, count, height, width, lastHiddenState, allTokens: true, observer: null);

    /// <summary>The position rows the model adds for an input of <paramref name="height"/> × <paramref name="width"/> (class token's first).</summary>
    internal ReadOnlySpan<float> PositionEmbeddings(int height, int width)
    {
        CheckSize(height, width);
        return _embeddings.PositionsFor(height / Config.PatchSize, width / Config.PatchSize);
    }

    internal void EncodeImages(ReadOnlySpan<float> pixelValues, int count, int height, int width, Span<float> lastHiddenState, HiddenStateObserver observer) =>
        Forward(pixelValues, count, height, width, lastHiddenState, allTokens: true, observer);

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private void Forward(
        ReadOnlySpan<float> pixels, int count, int height, int width, Span<float> output, bool allTokens, HiddenStateObserver? observer)
    {
        CheckSize(height, width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int d = Config.HiddenSize, tokens = _embeddings.TokenCount(height, width), pixelCount = Config.NumChannels * height * width;
        int rows = count * tokens;
        int outputRows = allTokens ? rows : count;
        if (pixels.Length < count * pixelCount || output.Length < outputRows * d)
        {
            throw new ArgumentException($"Expected {count} images of {pixelCount} floats and room for {outputRows}x{d} outputs.");
        }

        float[] buffer = ArrayPool<float>.Shared.Rent(rows * d);
        try
        {
            Span<float> states = buffer.AsSpan(0, rows * d);
            _embeddings.Forward(pixels, count, height, width, states, DegreeOfParallelism);
            observer?.Invoke("embeddings", states, d);
            // The pooled output reads only the class tokens: the last block runs its queries and MLP for them alone.
            _encoder.Forward(states, count, tokens, causal: false, DegreeOfParallelism, observer, firstTokenOnly: !allTokens && observer is null);
            if (allTokens)
            {
                LayerNorm.Apply(states, output, _normGamma, _normBeta, rows, _encoder.Epsilon);
                observer?.Invoke("layernorm", output[..(rows * d)], d);
                return;
            }

            for (int image = 0; image < count; image++)
            {
                states.Slice(image * tokens * d, d).CopyTo(output.Slice(image * d, d));
            }

            LayerNorm.Apply(output, output, _normGamma, _normBeta, count, _encoder.Epsilon);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private void CheckSize(int height, int width)
    {
        int p = Config.PatchSize;
        if (height < p || width < p || height % p != 0 || width % p != 0)
        {
            throw new ArgumentException($"Image sides must be positive multiples of the patch size {p}; got {height}x{width}.");
        }
    }
}
