using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Dino;

/// <summary>
/// The DINOv2 engine, loaded on first use from <see cref="WorkspaceOptions.DinoModel"/> (or, in a host, the installed
/// model): only scoring asks for it. When there is no usable model it is null, the reason is logged once, and DINO-I
/// is absent from every score.
/// </summary>
public sealed partial class DinoEngineSource : IDisposable
{
    private readonly Lazy<DinoEngine?> _engine;

    /// <summary>Loads the engine on first use.</summary>
    /// <param name="directory">The model folder; null for the installed model when <paramref name="installedWhenNull"/>, else none.</param>
    /// <param name="installedWhenNull">Whether a null folder means the installed model (a host) or no engine (a library caller).</param>
    /// <param name="log">Where the reason for no engine goes.</param>
    public DinoEngineSource(string? directory, bool installedWhenNull, ILogger<DinoEngineSource> log) => _engine = new(() =>
    {
        DinoEngine? engine = DinoEngine.TryLoad(directory, installedWhenNull, out string? problem);
        if (problem is not null)
        {
            DinoOff(log, problem);
        }

        return engine;
    });

    /// <summary>The engine, or null when no DINOv2 model is installed.</summary>
    public DinoEngine? Engine => _engine.Value;

    /// <summary>Releases the engine if it was loaded.</summary>
    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Problem}")]
    private static partial void DinoOff(ILogger logger, string problem);
}
