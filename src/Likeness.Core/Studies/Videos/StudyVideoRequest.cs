namespace Likeness.Core.Studies.Videos;

/// <summary>
/// A study file's <c>video:</c>: a clip of each character at each video provider, made from the character's pin (its
/// frontal image and references) through the video service, and checked frame by frame.
/// </summary>
/// <param name="Providers">Providers that make video from a pinned character (element video), in report order.</param>
/// <param name="Prompt">What the clip shows.</param>
/// <param name="DurationSeconds">Seconds of each clip.</param>
/// <param name="AspectRatio">The clip's shape, e.g. 16:9.</param>
public sealed record StudyVideoRequest(IReadOnlyList<string> Providers, string Prompt, int DurationSeconds, string AspectRatio)
{
    /// <summary>The prompt when the study file gives none.</summary>
    public const string DefaultPrompt = "turns slowly toward the camera, then looks to the side";

    /// <summary>
    /// Also make each clip from the frontal image alone, to compare it with the clip made with the pin's references
    /// (seed 003's "compare consistency with and without LoRA references").
    /// </summary>
    public bool CompareReferences { get; init; }

    /// <summary>Seconds of video a character needs a month, for pricing video at the study's projection scales.</summary>
    public int SecondsPerCharacterMonth { get; init; } = 60;
}
