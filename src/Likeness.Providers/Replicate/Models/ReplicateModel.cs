namespace Likeness.Providers.Replicate.Models;

/// <summary>A model as <c>GET /models/{owner}/{name}</c> returns it (the fields Likeness reads).</summary>
public sealed record ReplicateModel(string Owner, string Name, ReplicateModelVersion? LatestVersion = null, string? Visibility = null);

/// <summary>One version of a model.</summary>
public sealed record ReplicateModelVersion(string Id, DateTimeOffset? CreatedAt = null);
