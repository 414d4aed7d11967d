namespace Likeness.Workspace.Dino;

/// <summary>One image's unit DINOv2 embeddings: the whole frame and the character crop (<see cref="CharacterCrop"/>).</summary>
/// <param name="Whole">The whole frame's embedding.</param>
/// <param name="Crop">The character crop's embedding.</param>
/// <param name="CropFromFace">False when no face was found and the crop is the whole frame.</param>
public sealed record DinoImageEmbeddings(float[] Whole, float[] Crop, bool CropFromFace);
