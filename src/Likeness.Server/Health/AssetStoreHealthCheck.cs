using Likeness.Core.Assets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Likeness.Server.Health;

/// <summary>Healthy when the asset store (folder or S3 bucket) answers a lookup.</summary>
internal sealed class AssetStoreHealthCheck(IAssetStore assets) : IHealthCheck
{
    // A well-formed id no file has: the lookup reaches the store and finds nothing, which is all this asks.
    private static readonly string Probe = new('0', 64);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await assets.ExistsAsync(Probe, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message may name a bucket or path; the log has it, the response does not.
            return HealthCheckResult.Unhealthy("The asset store does not answer.", ex);
        }
    }
}
