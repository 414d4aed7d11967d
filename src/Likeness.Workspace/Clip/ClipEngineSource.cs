using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Likeness.Workspace.Clip;

/// <summary>
/// The CLIP engine, loaded on first use from <see cref="WorkspaceOptions.ClipModel"/> (or the installed model):
/// studies ask for it, and shot scoring for CLIP-T. When there is no usable model it is null and the reason is logged once.
/// </summary>
public sealed partial class ClipEngineSource : IDisposable
{
    private readonly Lazy<ClipEngine?> _engine;

    /// <summary>Loads the engine on first use.</summary>
    public ClipEngineSource(IOptions<WorkspaceOptions> options, ILogger<ClipEngineSource> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? directory = options.Value.ClipModel;
        _engine = new(() =>
        {
            ClipEngine? engine = ClipEngine.TryLoad(directory, out string? problem);
            if (problem is not null)
            {
                ClipOff(log, problem);
            }

            return engine;
        });
    }

    /// <summary>Wraps an engine the caller already has (or none); the source then owns it.</summary>
    public ClipEngineSource(ClipEngine? engine) => _engine = new(engine);

    /// <summary>The engine, or null when no CLIP model is installed.</summary>
    public ClipEngine? Engine => _engine.Value;

    /// <summary>Releases the engine if it was loaded.</summary>
    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Problem}")]
    private static partial void ClipOff(ILogger logger, string problem);
}
