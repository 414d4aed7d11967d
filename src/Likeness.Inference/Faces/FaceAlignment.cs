namespace Likeness.Inference.Faces;

/// <summary>How the face is cut out for the descriptor net.</summary>
public enum FaceAlignment
{
    /// <summary>
    /// Similarity transform (rotation from the eye line, scale and centre from face-api's eye/mouth geometry) onto a
    /// 150×150 chip, border pixels repeated where the face leaves the image. The default: it separates people better
    /// (see the README's margins), above all for faces cut by the image border.
    /// </summary>
    Affine,

    /// <summary>face-api's "dlib alignment": an axis-aligned square crop, clipped to the image and zero-padded (parity mode).</summary>
    FaceApi,
}
