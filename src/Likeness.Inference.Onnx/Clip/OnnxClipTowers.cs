using System.Globalization;
using Likeness.Inference.Clip;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Tokenization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Likeness.Inference.Onnx.Clip;

/// <summary>
/// CLIP's towers run by ONNX Runtime on an HF-layout export (<see cref="OnnxClipFiles"/>): inputs
/// <c>pixel_values</c> [batch, 3, size, size] and <c>input_ids</c> (int64 or int32, with <c>attention_mask</c> where
/// the graph has one), outputs <c>image_embeds</c> and <c>text_embeds</c>. Fed by our preprocessor and tokenizer
/// through <see cref="ClipEmbedder"/>, so only the towers differ from our engine.
/// </summary>
public sealed class OnnxClipTowers : IClipTowers
{
    private const string PixelValues = "pixel_values", InputIds = "input_ids", AttentionMask = "attention_mask";
    private const string ImageEmbeds = "image_embeds", TextEmbeds = "text_embeds";

    private readonly InferenceSession _vision;
    private readonly InferenceSession _text;
    private readonly bool _combined;

    private OnnxClipTowers(ClipConfig config, InferenceSession vision, InferenceSession text, string visionPath, string textPath, float logitScale)
    {
        _vision = vision;
        _text = text;
        _combined = ReferenceEquals(vision, text);
        ImageSize = config.Vision.ImageSize;
        ContextLength = config.Text.MaxPositionEmbeddings;
        EmbeddingDimension = config.ProjectionDim;
        OnnxSessions.Require(vision.InputMetadata, PixelValues, visionPath, "input");
        OnnxSessions.Require(vision.OutputMetadata, ImageEmbeds, visionPath, "output");
        OnnxSessions.Require(text.InputMetadata, InputIds, textPath, "input");
        OnnxSessions.Require(text.OutputMetadata, TextEmbeds, textPath, "output");
        LogitScale = ReadLogitScale(vision) ?? ReadLogitScale(text) ?? logitScale;
    }

    /// <inheritdoc />
    public int EmbeddingDimension { get; }

    /// <inheritdoc />
    public int ImageSize { get; }

    /// <inheritdoc />
    public int PixelCount => 3 * ImageSize * ImageSize;

    /// <inheritdoc />
    public int ContextLength { get; }

    /// <inheritdoc />
    public float LogitScale { get; }

    /// <summary>Loads the export in <paramref name="directory"/>; throws <see cref="InvalidModelException"/> or <see cref="OnnxRuntimeUnavailableException"/>.</summary>
    public static OnnxClipTowers Load(string directory, OnnxBackendOptions? options = null) => Load(OnnxClipFiles.Find(directory), options);

    /// <summary>Loads an export from its files.</summary>
    public static OnnxClipTowers Load(OnnxClipFiles files, OnnxBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new OnnxBackendOptions();
        options.Validate();
        ClipConfig config = ClipConfig.Load(files.Config);
        InferenceSession vision = OnnxSessions.Open(files.Vision, options);
        InferenceSession? text = null;
        try
        {
            text = files.Text is null ? vision : OnnxSessions.Open(files.Text, options);
            return new OnnxClipTowers(config, vision, text, files.Vision, files.Text ?? files.Vision, options.ClipLogitScale);
        }
        catch
        {
            if (text is not null && !ReferenceEquals(text, vision))
            {
                text.Dispose();
            }

            vision.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void EmbedImages(ReadOnlySpan<float> pixelValues, int count, Span<float> embeddings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (pixelValues.Length != count * PixelCount || embeddings.Length < count * EmbeddingDimension)
        {
            throw new ArgumentException($"Expected {count} × {PixelCount} pixel values and room for {count} × {EmbeddingDimension} floats.");
        }

        if (count == 0)
        {
            return;
        }

        using OrtValue pixels = OrtValue.CreateTensorValueFromMemory(pixelValues.ToArray(), [count, 3, ImageSize, ImageSize]);
        var inputs = new Dictionary<string, OrtValue> { [PixelValues] = pixels };
        using var companions = new CompanionInputs();
        if (_combined)
        {
            AddTokens(inputs, companions, [Placeholder()]);
        }

        Run(_vision, inputs, ImageEmbeds, count, embeddings);
    }

    /// <inheritdoc />
    public void EmbedTokens(IReadOnlyList<int[]> tokenIds, Span<float> embeddings)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        if (embeddings.Length < tokenIds.Count * EmbeddingDimension)
        {
            throw new ArgumentException($"Room for {tokenIds.Count} × {EmbeddingDimension} floats needed.", nameof(embeddings));
        }

        if (tokenIds.Count == 0)
        {
            return;
        }

        var inputs = new Dictionary<string, OrtValue>();
        using var companions = new CompanionInputs();
        AddTokens(inputs, companions, tokenIds);
        if (_combined)
        {
            OrtValue pixels = OrtValue.CreateTensorValueFromMemory(new float[PixelCount], [1, 3, ImageSize, ImageSize]);
            companions.Add(pixels);
            inputs[PixelValues] = pixels;
        }

        Run(_text, inputs, TextEmbeds, tokenIds.Count, embeddings);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _vision.Dispose();
        if (!_combined)
        {
            _text.Dispose();
        }
    }

    private static float? ReadLogitScale(InferenceSession session) =>
        session.ModelMetadata.CustomMetadataMap.TryGetValue("logit_scale", out string? text)
        && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) ? value : null;

    // The combined graph needs both towers' inputs on every call: the other tower gets one minimal input.
    private int[] Placeholder()
    {
        int[] ids = new int[ContextLength];
        ids[0] = ClipTokenizer.StartOfTextId;
        ids[1] = ClipTokenizer.EndOfTextId;
        return ids;
    }

    private void AddTokens(Dictionary<string, OrtValue> inputs, CompanionInputs owned, IReadOnlyList<int[]> tokenIds)
    {
        int count = tokenIds.Count, length = ContextLength;
        long[] shape = [count, length];
        bool wide = _text.InputMetadata[InputIds].ElementDataType != TensorElementType.Int32;
        long[] ids64 = new long[count * length], mask64 = new long[count * length];
        for (int i = 0; i < count; i++)
        {
            int[] ids = tokenIds[i];
            if (ids.Length != length)
            {
                throw new ArgumentException($"Token sequence {i} has {ids.Length} ids; the text tower takes {length}.", nameof(tokenIds));
            }

            int end = Array.IndexOf(ids, ClipTokenizer.EndOfTextId);
            for (int t = 0; t < length; t++)
            {
                ids64[(i * length) + t] = ids[t];
                mask64[(i * length) + t] = end < 0 || t <= end ? 1 : 0;
            }
        }

        inputs[InputIds] = owned.Add(wide
            ? OrtValue.CreateTensorValueFromMemory(ids64, shape)
            : OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(ids64, v => (int)v), shape));
        if (_text.InputMetadata.TryGetValue(AttentionMask, out NodeMetadata? mask))
        {
            inputs[AttentionMask] = owned.Add(mask.ElementDataType == TensorElementType.Int32
                ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(mask64, v => (int)v), shape)
                : OrtValue.CreateTensorValueFromMemory(mask64, shape));
        }
    }

    private void Run(InferenceSession session, Dictionary<string, OrtValue> inputs, string output, int count, Span<float> embeddings)
    {
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, inputs.Keys, inputs.Values, [output]);
        ReadOnlySpan<float> values = results[0].GetTensorDataAsSpan<float>();
        int expected = count * EmbeddingDimension;
        if (values.Length != expected)
        {
            throw new InvalidModelException($"The ONNX graph's '{output}' has {values.Length} floats; {count} embeddings of {EmbeddingDimension} were expected.");
        }

        values.CopyTo(embeddings);
    }

    // Input tensors made for one call, released together after it.
    private sealed class CompanionInputs : IDisposable
    {
        private readonly List<OrtValue> _values = [];

        public OrtValue Add(OrtValue value)
        {
            _values.Add(value);
            return value;
        }

        public void Dispose() => _values.ForEach(v => v.Dispose());
    }
}
