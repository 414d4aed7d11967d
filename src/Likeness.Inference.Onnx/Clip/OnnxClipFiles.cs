using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Onnx.Clip;

/// <summary>
/// Where a CLIP ONNX export keeps its graphs, in the layouts model hubs use: split towers
/// (<c>vision_model.onnx</c> + <c>text_model.onnx</c>, as transformers.js/Optimum split exports) or one
/// <c>model.onnx</c> with both, in the folder or its <c>onnx/</c> subfolder, beside the HF <c>config.json</c>.
/// </summary>
/// <param name="Config">The HF config (sizes and context length).</param>
/// <param name="Vision">The vision graph, or the combined graph.</param>
/// <param name="Text">The text graph, or null when <paramref name="Vision"/> holds both towers.</param>
public sealed record OnnxClipFiles(string Config, string Vision, string? Text)
{
    /// <summary>The split vision tower's file name.</summary>
    public const string VisionFileName = "vision_model.onnx";

    /// <summary>The split text tower's file name.</summary>
    public const string TextFileName = "text_model.onnx";

    /// <summary>The combined graph's file name.</summary>
    public const string CombinedFileName = "model.onnx";

    /// <summary>Finds the export in <paramref name="directory"/>; throws <see cref="InvalidModelException"/> saying what is missing.</summary>
    public static OnnxClipFiles Find(string directory)
    {
        string config = Path.Combine(directory, "config.json");
        if (!File.Exists(config))
        {
            throw new InvalidModelException($"No config.json in {directory}: the HF config of the exported CLIP must sit beside the ONNX files.");
        }

        foreach (string folder in new[] { directory, Path.Combine(directory, "onnx") })
        {
            string vision = Path.Combine(folder, VisionFileName), text = Path.Combine(folder, TextFileName);
            if (File.Exists(vision) && File.Exists(text))
            {
                return new OnnxClipFiles(config, vision, text);
            }

            string combined = Path.Combine(folder, CombinedFileName);
            if (File.Exists(combined))
            {
                return new OnnxClipFiles(config, combined, null);
            }
        }

        throw new InvalidModelException(
            $"No CLIP ONNX export in {directory}: expected {VisionFileName} and {TextFileName}, or {CombinedFileName}, there or in onnx/.");
    }
}
