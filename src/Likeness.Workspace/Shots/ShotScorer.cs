using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Workspace.Dino;

namespace Likeness.Workspace.Shots;

/// <summary>
/// Measures a shot's identity with the face engine: the largest face's descriptor distance to each reference
/// face the same engine described (mean and minimum); with a DINOv2 model also DINO-I on the whole frame and on the
/// crop around that face (<see cref="DinoReferenceSet.Score"/>). Without an engine, its scores stay empty.
/// </summary>
public sealed class ShotScorer(IFaceAnalyzer? faces, DinoReferenceSet? dino = null)
{
    /// <summary>Scores one image against the character's references.</summary>
    public ShotScores Score(ReadOnlySpan<byte> image, IReadOnlyList<ReferenceImage> references, CancellationToken cancellationToken = default)
    {
        if (faces is null && dino is null)
        {
            return new ShotScores();
        }

        using DecodedImage decoded = ImageDecoder.Decode(image, DecodeOptions.Upright);
        FaceObservation? face = faces is null ? null : FaceDistance.Largest(faces.Analyze(decoded.Image, cancellationToken));
        return FaceScores(face, references) with { Dino = dino?.Score(decoded.Image, face?.Box) };
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
