using Likeness.Inference.Kernels;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Transformers;

namespace Likeness.Inference.Clip;

/// <summary>Loads a CLIP tower's encoder (HF <c>{vision,text}_model.encoder.layers.N</c>, quick GELU).</summary>
internal static class ClipEncoders
{
    public static Encoder Load(SafetensorsFile file, string prefix, int layers, int width, int inner, int heads, double epsilon) => new(
        file, EncoderBlockNames.Clip, i => $"{prefix}encoder.layers.{i}.", layers, width, inner, heads, (float)epsilon, Activation.QuickGelu);
}
