namespace Likeness.Inference.Kernels;

/// <summary>An elementwise activation fused into a kernel's epilogue.</summary>
public enum Activation
{
    /// <summary>Identity.</summary>
    None,

    /// <summary><c>max(x, 0)</c>.</summary>
    Relu,

    /// <summary><c>x &gt; 0 ? x : 0.1·x</c> (TensorFlow's leaky ReLU with alpha 0.1, as tiny-YOLO uses it).</summary>
    LeakyRelu,

    /// <summary>The exact (erf) GELU, <c>x · Φ(x)</c>, as DINOv2's MLP uses it (<see cref="Transformer.Gelu"/>).</summary>
    Gelu,

    /// <summary>CLIP's <c>x · sigmoid(1.702 x)</c> (<see cref="Transformer.QuickGelu"/>).</summary>
    QuickGelu,
}
