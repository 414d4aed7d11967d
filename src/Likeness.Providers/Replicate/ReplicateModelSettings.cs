namespace Likeness.Providers.Replicate;

/// <summary>
/// How a training's destination model is created when it does not exist (<c>POST /models</c> needs a hardware
/// SKU and a visibility; providers.md §2.3). The destination only stores versions: Replicate runs trained FLUX
/// LoRA versions on H100s whatever SKU it was created with (UNCONFIRMED; see docs/providers.md).
/// </summary>
/// <param name="Visibility"><c>private</c> (default) or <c>public</c>.</param>
/// <param name="Hardware">The SKU, e.g. <c>gpu-h100</c>.</param>
/// <param name="Description">Shown on Replicate.</param>
public sealed record ReplicateModelSettings(string Visibility = "private", string Hardware = "gpu-h100", string Description = "Likeness trained identity");
