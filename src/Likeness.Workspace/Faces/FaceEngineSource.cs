using Likeness.Core.Scoring;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Faces;

/// <summary>
/// The installed face engine, loaded on first use, so commands that only read rows never load the nets. When the
/// models cannot be loaded it is null, and the reason is logged once as a warning (face scores are then absent).
/// </summary>
public sealed partial class FaceEngineSource
{
    private readonly Lazy<IFaceAnalyzer?> _engine;

    /// <summary>Loads <see cref="FaceEngine.TryLoadDefault"/> on first use.</summary>
    public FaceEngineSource(ILogger<FaceEngineSource> log) => _engine = new(() =>
    {
        FaceEngine? engine = FaceEngine.TryLoadDefault(out string? problem);
        if (problem is not null)
        {
            FacesOff(log, problem);
        }

        return engine;
    });

    /// <summary>Wraps an engine the caller already has (or none).</summary>
    public FaceEngineSource(IFaceAnalyzer? engine) => _engine = new(engine);

    /// <summary>The engine, or null when its models are not installed.</summary>
    public IFaceAnalyzer? Engine => _engine.Value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void FacesOff(ILogger logger, string problem);
}
