namespace Likeness.Providers.Fal;

/// <summary>The fal endpoints Likeness uses.</summary>
public static class FalApps
{
    /// <summary>Generation from one subject photo, no training ($0.10 per megapixel).</summary>
    public const string InstantCharacter = "fal-ai/instant-character";

    /// <summary>FLUX.1 dev with LoRAs ($0.035 per megapixel).</summary>
    public const string FluxLora = "fal-ai/flux-lora";

    /// <summary>FLUX LoRA training from a ZIP of photos.</summary>
    public const string FluxLoraFastTraining = "fal-ai/flux-lora-fast-training";

    /// <summary>Kling O1 (Pro) video from elements ($0.112 per second).</summary>
    public const string KlingO1ReferenceToVideo = "fal-ai/kling-video/o1/reference-to-video";
}
