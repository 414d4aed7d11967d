using Likeness.Imaging;
using Likeness.Imaging.Rows;

namespace Likeness.Core.Scoring;

/// <summary>
/// The port the face engine implements: find faces and describe each with an identity descriptor. Core
/// depends only on this, so scores appear wherever an engine is installed and are simply absent otherwise.
/// </summary>
public interface IFaceAnalyzer
{
    /// <summary>Engine, model version and alignment mode; descriptors from different analyzers are never compared.</summary>
    string Name { get; }

    /// <summary>Distance below which two descriptors are taken to be the same person (0.6 for the dlib descriptor).</summary>
    double SamePersonThreshold { get; }

    /// <summary>The faces in <paramref name="image"/>, largest-first order not guaranteed.</summary>
    IReadOnlyList<FaceObservation> Analyze(Image image, CancellationToken cancellationToken = default);

    /// <summary>
    /// The faces of an image read by rows: the same faces as <see cref="Analyze"/> on its decode. This default decodes
    /// it whole; an engine that can work from rows overrides it to hold only what it needs (the reference checks of an
    /// upload call this).
    /// </summary>
    IReadOnlyList<FaceObservation> AnalyzeRows(ImageRows rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using DecodedImage decoded = rows.Decode();
        return Analyze(decoded.Image, cancellationToken);
    }
}

/// <summary>A face box in pixels.</summary>
public readonly record struct FaceBox(double X, double Y, double Width, double Height)
{
    /// <summary>Area in square pixels.</summary>
    public double Area => Width * Height;
}

/// <summary>One detected face: where, how sure, and its identity descriptor.</summary>
public sealed record FaceObservation(FaceBox Box, double Score, IReadOnlyList<float> Descriptor)
{
    /// <summary>The 68 landmarks in image pixels in iBUG order (jaw 0-16, brows, nose 27-35, eyes 36-47, mouth), when the engine gives them.</summary>
    public IReadOnlyList<FacePoint> Landmarks { get; init; } = [];
}

/// <summary>A point in image pixels.</summary>
public readonly record struct FacePoint(double X, double Y);
