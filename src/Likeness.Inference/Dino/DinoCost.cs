namespace Likeness.Inference.Dino;

/// <summary>Floating-point operations (2 per multiply-add) of a DINOv2 forward pass, for GFLOP/s figures.</summary>
public static class DinoCost
{
    /// <summary>FLOPs of one image of <paramref name="height"/> × <paramref name="width"/>: patch embedding and every block (full attention).</summary>
    public static double ImageFlops(DinoConfig config, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(config);
        double d = config.HiddenSize, inner = config.IntermediateSize, p = config.PatchSize;
        double patches = (height / config.PatchSize) * (width / config.PatchSize);
        double n = 1 + config.NumRegisterTokens + patches;
        double layer = (n * d * 3 * d) + (2 * n * n * d) + (n * d * d) + (2 * n * d * inner);
        return 2 * ((patches * config.NumChannels * p * p * d) + (config.NumHiddenLayers * layer));
    }
}
