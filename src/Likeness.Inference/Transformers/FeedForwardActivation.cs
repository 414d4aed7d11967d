namespace Likeness.Inference.Transformers;

/// <summary>The activation between a block's two MLP layers.</summary>
internal enum FeedForwardActivation
{
    /// <summary>CLIP's <c>x · sigmoid(1.702 x)</c>.</summary>
    QuickGelu,

    /// <summary>The exact (erf) GELU, <c>x · Φ(x)</c>, as DINOv2 uses it.</summary>
    Gelu,
}
