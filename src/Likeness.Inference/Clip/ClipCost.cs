namespace Likeness.Inference.Clip;

/// <summary>Floating-point operations (2 per multiply-add) of the towers, for GFLOP/s figures.</summary>
public static class ClipCost
{
    /// <summary>FLOPs of one image through the vision tower and projection.</summary>
    public static double VisionFlops(ClipConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ClipVisionConfig v = config.Vision;
        double patches = v.GridSize * v.GridSize;
        double patchEmbed = patches * v.NumChannels * v.PatchSize * v.PatchSize * v.HiddenSize;
        double macs = patchEmbed + (v.NumHiddenLayers * LayerMacs(v.TokenCount, v.HiddenSize, v.IntermediateSize)) + ((double)v.HiddenSize * config.ProjectionDim);
        return 2 * macs;
    }

    /// <summary>FLOPs of one text of <paramref name="tokens"/> positions (start token to end token) through the text tower and projection.</summary>
    public static double TextFlops(ClipConfig config, int tokens)
    {
        ArgumentNullException.ThrowIfNull(config);
        ClipTextConfig t = config.Text;
        double macs = (t.NumHiddenLayers * LayerMacs(tokens, t.HiddenSize, t.IntermediateSize)) + ((double)t.HiddenSize * config.ProjectionDim);
        return 2 * macs;
    }

    /// <summary>QKV, scores and weighted sum (full, as both PyTorch and this engine compute them), out-projection, MLP.</summary>
    private static double LayerMacs(double n, double d, double inner) =>
        (n * d * 3 * d) + (2 * n * n * d) + (n * d * d) + (2 * n * d * inner);
}
