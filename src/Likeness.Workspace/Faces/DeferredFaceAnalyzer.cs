using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Rows;

namespace Likeness.Workspace.Faces;

/// <summary>
/// The face port for providers that only use faces to frame pictures (the sim): it loads the engine on the first
/// analysis rather than when the provider is built, and finds no faces when the engine is not installed.
/// </summary>
internal sealed class DeferredFaceAnalyzer(FaceEngineSource source) : IFaceAnalyzer
{
    public string Name => source.Engine?.Name ?? "none";

    public double SamePersonThreshold => source.Engine?.SamePersonThreshold ?? 0;

    public IReadOnlyList<FaceObservation> Analyze(Image image, CancellationToken cancellationToken = default) =>
        source.Engine?.Analyze(image, cancellationToken) ?? [];

    public IReadOnlyList<FaceObservation> AnalyzeRows(ImageRows rows, CancellationToken cancellationToken = default) =>
        source.Engine?.AnalyzeRows(rows, cancellationToken) ?? [];
}
