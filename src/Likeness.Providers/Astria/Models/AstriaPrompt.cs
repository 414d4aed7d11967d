namespace Likeness.Providers.Astria.Models;

/// <summary>A prompt as Astria returns it (providers.md §3.2): done when <see cref="TrainedAt"/> is set, with its <see cref="Images"/>.</summary>
public sealed record AstriaPrompt
{
    /// <summary>The prompt id.</summary>
    public long Id { get; init; }

    /// <summary>The tune it ran on (the base model for FLUX LoRA and FaceID prompts).</summary>
    public long? TuneId { get; init; }

    /// <summary>The text, tags included.</summary>
    public string? Text { get; init; }

    /// <summary>The negative prompt.</summary>
    public string? NegativePrompt { get; init; }

    /// <summary>The seed.</summary>
    public long? Seed { get; init; }

    /// <summary>When generation started.</summary>
    public DateTimeOffset? StartedTrainingAt { get; init; }

    /// <summary>When the images were ready; null until then.</summary>
    public DateTimeOffset? TrainedAt { get; init; }

    /// <summary>When the prompt was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The prompt's API URL.</summary>
    public string? Url { get; init; }

    /// <summary>The image URLs, present once done.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>True once the images are ready.</summary>
    public bool IsDone => TrainedAt is not null;
}
