using Likeness.Core.Providers;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Shots;

/// <summary>A shot and whether it came from the cache (no provider call) rather than a new call.</summary>
public sealed record ShotOutcome(Shot Shot, bool FromCache)
{
    /// <summary>The provider's error when this call failed with one (the shot is then failed and refunded); null otherwise.</summary>
    public ProviderException? Failure { get; init; }
}
