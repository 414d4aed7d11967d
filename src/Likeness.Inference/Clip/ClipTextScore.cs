namespace Likeness.Inference.Clip;

/// <summary>CLIP-T for one image and one text.</summary>
/// <param name="Cosine">Cosine similarity of the image and text embeddings.</param>
/// <param name="Logit">The cosine times the model's <c>exp(logit_scale)</c> (CLIPModel's <c>logits_per_image</c> entry).</param>
public readonly record struct ClipTextScore(float Cosine, float Logit);
