using Likeness.Inference.Faces;
using Likeness.Workspace;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Health;

/// <summary>
/// Healthy when the face models load (they are verified against their pinned release once per process) and the CLIP
/// and DINOv2 folders configured exist; degraded when a configured folder is missing (scores then go without that
/// metric); unhealthy when the face models are missing or damaged.
/// </summary>
internal sealed class ModelsHealthCheck(IOptions<WorkspaceOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = FaceModels.Default;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The face models are missing or damaged.", ex));
        }

        string[] missing = [.. new[] { ("clip", options.Value.ClipModel), ("dino", options.Value.DinoModel) }
            .Where(m => m.Item2 is { Length: > 0 } path && !Directory.Exists(path) && !File.Exists(path)).Select(m => m.Item1)];
        return Task.FromResult(missing.Length == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"Configured model(s) not found: {string.Join(", ", missing)}."));
    }
}
