using Likeness.Core.Shots;

namespace Likeness.Workspace.Shots;

/// <summary>A shot and whether it came from the cache (no provider call) rather than a new call.</summary>
public sealed record ShotOutcome(Shot Shot, bool FromCache);
