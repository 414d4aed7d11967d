namespace Likeness.Core.References;

/// <summary>The reference requirements (from the providers' limits and the research on identity training).</summary>
public sealed record ReferenceRules
{
    /// <summary>The defaults: JPEG, PNG or WebP, at most 10 MB, 1024 px shorter side recommended, a face in at least 3.</summary>
    public static ReferenceRules Default { get; } = new();

    /// <summary>Largest file accepted.</summary>
    public long MaxBytes { get; init; } = 10L * 1000 * 1000;

    /// <summary>Shorter side below which a warning is given.</summary>
    public int RecommendedShorterSide { get; init; } = 1024;

    /// <summary>How many references must show a face (when a face engine is installed).</summary>
    public int MinReferencesWithFace { get; init; } = 3;
}
