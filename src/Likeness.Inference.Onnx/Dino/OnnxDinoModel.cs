using Likeness.Inference.Dino;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Vision;
using Microsoft.ML.OnnxRuntime;

namespace Likeness.Inference.Onnx.Dino;

/// <summary>
/// A DINOv2 tower run by ONNX Runtime on an HF-layout export: <c>config.json</c> beside <c>model.onnx</c> (in the folder
/// or its <c>onnx/</c> subfolder, as Optimum and transformers.js hub exports lay it out), input <c>pixel_values</c>
/// [batch, 3, H, W], output <c>pooler_output</c> (or, where a graph lacks it, <c>last_hidden_state</c>, whose first token
/// is the same final LayerNorm of the class token). Graphs with fixed sides (bench/onnx/export_dino.py fixes 224) take
/// only that size; a call with another is refused naming both. Fed by our <see cref="DinoPreprocessor"/> through
/// <see cref="DinoEmbedder"/>, so only the tower differs from our engine.
/// </summary>
public sealed class OnnxDinoModel : IImageEmbedder
{
    /// <summary>The graph's file name.</summary>
    public const string FileName = "model.onnx";

    private const string PixelValues = "pixel_values", Pooled = "pooler_output", LastHiddenState = "last_hidden_state";

    private readonly InferenceSession _session;
    private readonly string _output;
    private readonly int _fixedHeight, _fixedWidth;

    private OnnxDinoModel(DinoConfig config, InferenceSession session, string path)
    {
        _session = session;
        Config = config;
        OnnxSessions.Require(session.InputMetadata, PixelValues, path, "input");
        _output = session.OutputMetadata.ContainsKey(Pooled) ? Pooled : OnnxSessions.Require(session.OutputMetadata, LastHiddenState, path, "output");
        int[] dims = session.InputMetadata[PixelValues].Dimensions;
        _fixedHeight = dims.Length == 4 ? dims[2] : -1;
        _fixedWidth = dims.Length == 4 ? dims[3] : -1;
    }

    /// <summary>The sizes read from <c>config.json</c>.</summary>
    public DinoConfig Config { get; }

    /// <inheritdoc />
    public int EmbeddingDimension => Config.HiddenSize;

    /// <inheritdoc />
    public int PatchSize => Config.PatchSize;

    /// <summary>Loads the export in <paramref name="directory"/>; throws <see cref="InvalidModelException"/> or <see cref="OnnxRuntimeUnavailableException"/>.</summary>
    public static OnnxDinoModel Load(string directory, OnnxBackendOptions? options = null)
    {
        options ??= new OnnxBackendOptions();
        options.Validate();
        string config = Path.Combine(directory, "config.json");
        if (!File.Exists(config))
        {
            throw new InvalidModelException($"No config.json in {directory}: the HF config of the exported DINOv2 must sit beside the ONNX file.");
        }

        string path = new[] { directory, Path.Combine(directory, "onnx") }.Select(f => Path.Combine(f, FileName)).FirstOrDefault(File.Exists)
            ?? throw new InvalidModelException($"No DINOv2 ONNX export in {directory}: expected {FileName} there or in onnx/.");
        DinoConfig dino = DinoConfig.Load(config);
        InferenceSession session = OnnxSessions.Open(path, options);
        try
        {
            return new OnnxDinoModel(dino, session, path);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void EmbedImages(ReadOnlySpan<float> pixelValues, int count, int height, int width, Span<float> embeddings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int d = EmbeddingDimension;
        if (height % PatchSize != 0 || width % PatchSize != 0 || height < PatchSize || width < PatchSize)
        {
            throw new ArgumentException($"Image sides must be positive multiples of the patch size {PatchSize}; got {height}x{width}.");
        }

        if ((_fixedHeight > 0 && _fixedHeight != height) || (_fixedWidth > 0 && _fixedWidth != width))
        {
            throw new ArgumentException($"This ONNX export takes {_fixedHeight}x{_fixedWidth} images only; got {height}x{width}.");
        }

        if (pixelValues.Length < count * 3 * height * width || embeddings.Length < count * d)
        {
            throw new ArgumentException($"Expected {count} images of {3 * height * width} floats and room for {count}x{d} outputs.");
        }

        using OrtValue pixels = OrtValue.CreateTensorValueFromMemory(pixelValues[..(count * 3 * height * width)].ToArray(), [count, 3, height, width]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(runOptions, [PixelValues], [pixels], [_output]);
        ReadOnlySpan<float> values = results[0].GetTensorDataAsSpan<float>();
        int perImage = values.Length / count;
        if (values.Length % count != 0 || perImage % d != 0 || (_output == Pooled && perImage != d))
        {
            throw new InvalidModelException($"The ONNX graph's '{_output}' has {values.Length} floats, not a whole number of {d}-wide rows per image.");
        }

        for (int i = 0; i < count; i++)
        {
            // pooler_output has one row per image; last_hidden_state's first row is the class token, already normed.
            values.Slice(i * perImage, d).CopyTo(embeddings.Slice(i * d, d));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
