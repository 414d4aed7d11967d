namespace Likeness.Inference.Faces;

/// <summary>How the face is cut out for the descriptor net.</summary>
public enum FaceAlignment
{
    /// <summary>
    /// Similarity transform (rotation from the eye line, scale and centre from face-api's eye/mouth geometry) onto a
    /// 150×150 chip, black where the face leaves the image. The default: on the public-domain set it separates every
    /// same/different pair (margin 0.21 vs 0.05 for <see cref="FaceApi"/>), faces cut by the image border included.
    /// </summary>
    Affine,

    /// <summary>face-api's "dlib alignment": an axis-aligned square crop, clipped to the image and zero-padded (parity mode).</summary>
    FaceApi,
}
