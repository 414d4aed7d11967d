using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Imaging;

namespace Likeness.Workspace.Shots;

/// <summary>
/// Measures a shot's identity with the face engine: the largest face's descriptor distance to each reference
/// face the same engine described (mean and minimum). Without an engine, the scores stay empty.
/// </summary>
public sealed class ShotScorer(IFaceAnalyzer? faces)
{
    /// <summary>Scores one image against the character's references.</summary>
    public ShotScores Score(ReadOnlySpan<byte> image, IReadOnlyList<ReferenceImage> references, CancellationToken cancellationToken = default)
    {
        if (faces is null)
        {
            return new ShotScores();
        }

        using DecodedImage decoded = ImageDecoder.Decode(image, DecodeOptions.Upright);
        FaceObservation? face = FaceDistance.Largest(faces.Analyze(decoded.Image, cancellationToken));
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
