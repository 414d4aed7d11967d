using Microsoft.ML.OnnxRuntime;

namespace Likeness.Inference.Onnx;

/// <summary>How ONNX Runtime sessions are made: threads and graph optimisation, set once per session.</summary>
public sealed class OnnxBackendOptions
{
    /// <summary>Threads inside one operator (ONNX Runtime's intra-op pool); 0 = ONNX Runtime's default (every physical core).</summary>
    public int Threads { get; set; }

    /// <summary>Graph rewrites applied when the session is made (fusions, constant folding).</summary>
    public GraphOptimizationLevel GraphOptimization { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>
    /// <c>exp(logit_scale)</c> for CLIP exports whose metadata does not carry it (split hub exports drop it);
    /// 100 is the clamp every trained openai CLIP reaches.
    /// </summary>
    public float ClipLogitScale { get; set; } = 100f;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Threads, nameof(Threads));
        if (!Enum.IsDefined(GraphOptimization))
        {
            throw new ArgumentOutOfRangeException(nameof(GraphOptimization), GraphOptimization, "Not an ONNX Runtime optimisation level.");
        }

        if (!float.IsFinite(ClipLogitScale) || ClipLogitScale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ClipLogitScale), ClipLogitScale, "Must be a positive finite number.");
        }
    }
}
