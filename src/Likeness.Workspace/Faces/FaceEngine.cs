using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Rows;
using Likeness.Inference.Faces;

namespace Likeness.Workspace.Faces;

/// <summary>
/// The product's face engine (face-api's nets in pure C#) behind Core's <see cref="IFaceAnalyzer"/> port.
/// Calls are serialised: the engine already spreads one image over all cores.
/// </summary>
public sealed class FaceEngine(FaceAnalyzer analyzer) : IFaceAnalyzer
{
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public string Name { get; } = $"faceapi-1.7.15/{analyzer.Options.Alignment.ToString().ToLowerInvariant()}";

    /// <inheritdoc />
    public double SamePersonThreshold => FaceAnalyzer.SamePersonThreshold;

    /// <summary>The engine with the installed models, or null (and why) when they cannot be loaded.</summary>
    public static FaceEngine? TryLoadDefault(out string? problem)
    {
        try
        {
            problem = null;
            return new FaceEngine(new FaceAnalyzer(FaceModels.Default));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            problem = $"Face scores are off: the face-api models could not be loaded from {FaceModels.DefaultDirectory} ({ex.Message}). Set {FaceModels.DirectoryVariable} to a folder with the three models.";
            return null;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FaceObservation> Analyze(Image image, CancellationToken cancellationToken = default) =>
        Serialised(() => analyzer.Analyze(image), cancellationToken);

    /// <inheritdoc />
    /// <remarks>The engine reads the rows in passes and holds its detector inputs and the face regions, not the pixels.</remarks>
    public IReadOnlyList<FaceObservation> AnalyzeRows(ImageRows rows, CancellationToken cancellationToken = default) =>
        Serialised(() => analyzer.Analyze(rows), cancellationToken);

    /// <summary>Runs one analysis at a time and maps its faces to the port's observations.</summary>
    private FaceObservation[] Serialised(Func<IReadOnlyList<AnalyzedFace>> analyze, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<AnalyzedFace> faces;
        lock (_gate)
        {
            faces = analyze();
        }

        return Observations(faces);
    }

    private static FaceObservation[] Observations(IReadOnlyList<AnalyzedFace> faces) =>
        [.. faces.Select(f => new FaceObservation(new Core.Scoring.FaceBox(f.Box.X, f.Box.Y, f.Box.Width, f.Box.Height), f.Score, f.Descriptor)
        {
            Landmarks = [.. f.Landmarks.Select(p => new Core.Scoring.FacePoint(p.X, p.Y))],
        })];
}
