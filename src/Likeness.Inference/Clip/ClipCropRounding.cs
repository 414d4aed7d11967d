namespace Likeness.Inference.Clip;

/// <summary>How the centre crop places an odd margin.</summary>
public enum ClipCropRounding
{
    /// <summary>openai/CLIP (torchvision <c>CenterCrop</c>): <c>round((H - 224) / 2)</c>, half to even.</summary>
    HalfToEven,

    /// <summary>Hugging Face <c>CLIPImageProcessor</c>: <c>(H - 224) // 2</c>.</summary>
    Floor,
}
