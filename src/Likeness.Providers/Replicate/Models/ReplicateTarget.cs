namespace Likeness.Providers.Replicate.Models;

/// <summary>
/// What a prediction runs (providers.md §2.2): a version (<c>POST /predictions</c> with <c>version</c>), an official
/// model (<c>POST /models/{owner}/{name}/predictions</c>) or a deployment (<c>POST /deployments/{owner}/{name}/predictions</c>).
/// </summary>
public sealed record ReplicateTarget
{
    private ReplicateTarget(string path, string? version, string label)
    {
        Path = path;
        Version = version;
        Label = label;
    }

    /// <summary>The create path relative to the API root.</summary>
    public string Path { get; }

    /// <summary>The body's <c>version</c> field, for the version form.</summary>
    public string? Version { get; }

    /// <summary>For messages.</summary>
    public string Label { get; }

    /// <summary>A version: a 64-hex id, or <c>owner/name:id</c>.</summary>
    public static ReplicateTarget OfVersion(string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        return new("predictions", version, version);
    }

    /// <summary>An official model run by name.</summary>
    public static ReplicateTarget OfModel(string owner, string name) => new($"models/{Segment(owner)}/{Segment(name)}/predictions", null, $"{owner}/{name}");

    /// <summary>A deployment.</summary>
    public static ReplicateTarget OfDeployment(string owner, string name) => new($"deployments/{Segment(owner)}/{Segment(name)}/predictions", null, $"deployment {owner}/{name}");

    private static string Segment(string part)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(part);
        return part.Contains('/', StringComparison.Ordinal) ? throw new ArgumentException($"'{part}' is not one path segment.", nameof(part)) : Uri.EscapeDataString(part);
    }
}
