namespace Likeness.Imaging.Tensors;

/// <summary>
/// How <see cref="ImageTensor"/> turns a byte <c>x</c> of channel <c>c</c> into a float:
/// <c>(x / Divisor - Mean[c]) / Std[c]</c>, every step in float32 and in that order, so that CLIP's
/// <c>ToTensor</c> + <c>Normalize</c> and face-api's <c>(x - mean) / 255</c> are reproduced bit for bit.
/// </summary>
public sealed class TensorNormalization
{
    /// <summary>Creates a normalisation; <paramref name="mean"/> and <paramref name="std"/> are per channel, R, G, B.</summary>
    public TensorNormalization(float divisor, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.Length != 3 || std.Length != 3)
        {
            throw new ArgumentException("Mean and std need exactly three values (R, G, B).", nameof(mean));
        }

        if (!(divisor > 0) || !(std[0] != 0 && std[1] != 0 && std[2] != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), "Divisor and std must be non-zero.");
        }

        Divisor = divisor;
        MeanValues = [mean[0], mean[1], mean[2]];
        StdValues = [std[0], std[1], std[2]];
    }

    /// <summary>openai/CLIP (and HF <c>CLIPImageProcessor</c>): <c>(x / 255 - mean) / std</c>.</summary>
    public static TensorNormalization Clip { get; } =
        new(255f, [0.48145466f, 0.4578275f, 0.40821073f], [0.26862954f, 0.26130258f, 0.27577711f]);

    /// <summary><c>x / 255</c>: values in [0, 1].</summary>
    public static TensorNormalization UnitRange { get; } = new(255f, [0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>The bytes as floats, 0 to 255.</summary>
    public static TensorNormalization Identity { get; } = new(1f, [0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>The byte is divided by this first (255 for [0, 1] inputs, 1 to keep 0..255).</summary>
    public float Divisor { get; }

    /// <summary>Per-channel mean, subtracted after the division.</summary>
    public IReadOnlyList<float> Mean => MeanValues;

    /// <summary>Per-channel divisor applied last.</summary>
    public IReadOnlyList<float> Std => StdValues;

    internal float[] MeanValues { get; }

    internal float[] StdValues { get; }

    /// <summary>face-api.js: <c>(x - mean) / 255</c> with the model's RGB mean (e.g. 117.001, 114.697, 97.404).</summary>
    public static TensorNormalization FaceApi(float meanR, float meanG, float meanB) =>
        new(1f, [meanR, meanG, meanB], [255f, 255f, 255f]);

    /// <summary>The reference formula for one value.</summary>
    internal float Apply(byte value, int channel) => ((value / Divisor) - MeanValues[channel]) / StdValues[channel];
}
