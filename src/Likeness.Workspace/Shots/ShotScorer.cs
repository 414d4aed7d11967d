using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Inference.Clip;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Dino;

namespace Likeness.Workspace.Shots;

/// <summary>
/// Measures a shot's identity with the face engine: the largest face's descriptor distance to each reference
/// face the same engine described (mean and minimum); with a DINOv2 model also DINO-I on the whole frame and on the
/// crop around that face (<see cref="DinoReferenceSet.Score"/>); with a CLIP model and the prompt, CLIP-T (the cosine
/// of the image's embedding to the prompt's). Without an engine, its scores stay empty.
/// </summary>
public sealed class ShotScorer(IFaceAnalyzer? faces, DinoReferenceSet? dino = null, ClipEngine? clip = null, string? prompt = null)
{
    /// <summary>Scores one image against the character's references.</summary>
    public ShotScores Score(ReadOnlySpan<byte> image, IReadOnlyList<ReferenceImage> references, CancellationToken cancellationToken = default)
    {
        ClipEngine? clipText = string.IsNullOrWhiteSpace(prompt) ? null : clip;
        if (faces is null && dino is null && clipText is null)
        {
            return new ShotScores();
        }

        using DecodedImage decoded = ImageDecoder.Decode(image, DecodeOptions.Upright);
        FaceObservation? face = faces is null ? null : FaceDistance.Largest(faces.Analyze(decoded.Image, cancellationToken));
        return FaceScores(face, references) with
        {
            Dino = dino?.Score(decoded.Image, face?.Box),
            // Both embeddings are unit length: their cosine, as a study's CLIP-T.
            ClipT = clipText is null ? null : ClipMetrics.Cosine(clipText.EmbedImage(decoded.Image), clipText.EmbedText(prompt!)),
            ClipModel = clipText?.Name,
        };
    }

    private ShotScores FaceScores(FaceObservation? face, IReadOnlyList<ReferenceImage> references)
    {
        if (faces is null)
        {
            return new ShotScores();
        }

        if (face is null)
        {
            return new ShotScores { FaceAnalyzer = faces.Name, FaceDetected = false };
        }

        double[] distances = [.. references
            .Where(r => r.Analysis is { FacesFound: > 0 } a && a.Analyzer == faces.Name)
            .Select(r => FaceDistance.Between(face.Descriptor, r.Analysis!.Descriptor))];
        return new ShotScores
        {
            FaceAnalyzer = faces.Name,
            FaceDetected = true,
            FaceDistanceMean = distances.Length > 0 ? distances.Average() : null,
            FaceDistanceMin = distances.Length > 0 ? distances.Min() : null,
            FaceDescriptor = face.Descriptor,
        };
    }
}
