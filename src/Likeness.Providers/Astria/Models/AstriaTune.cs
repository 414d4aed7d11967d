namespace Likeness.Providers.Astria.Models;

/// <summary>
/// A tune as Astria returns it (providers.md §3.1). There is no status field: a tune is done when
/// <see cref="TrainedAt"/> is set; a FaceID tune has it from creation.
/// </summary>
public sealed record AstriaTune
{
    /// <summary>The tune id.</summary>
    public long Id { get; init; }

    /// <summary>The title (Likeness sends a transaction UUID: Astria's idempotency key).</summary>
    public string? Title { get; init; }

    /// <summary>The class word (<c>man</c>, <c>woman</c>, <c>person</c> …).</summary>
    public string? Name { get; init; }

    /// <summary>The token prompts use for the subject.</summary>
    public string? Token { get; init; }

    /// <summary>The base (gallery) tune.</summary>
    public long? BaseTuneId { get; init; }

    /// <summary><c>flux1</c>, <c>sd15</c>, <c>sdxl1</c> or <c>fast</c> (free mock runs).</summary>
    public string? Branch { get; init; }

    /// <summary><c>lora</c>, <c>pti</c>, <c>faceid</c> or null (checkpoint).</summary>
    public string? ModelType { get; init; }

    /// <summary>Training steps.</summary>
    public int? Steps { get; init; }

    /// <summary>Whether training images were cropped to the face.</summary>
    public bool? FaceCrop { get; init; }

    /// <summary>Astria's estimate of when training ends.</summary>
    public DateTimeOffset? Eta { get; init; }

    /// <summary>When training started (null while waiting).</summary>
    public DateTimeOffset? StartedTrainingAt { get; init; }

    /// <summary>When training ended; null until then.</summary>
    public DateTimeOffset? TrainedAt { get; init; }

    /// <summary>When Astria deletes the tune's files (30 days after training unless extended).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the tune was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The tune's API URL.</summary>
    public string? Url { get; init; }

    /// <summary>The training images as Astria keeps them.</summary>
    public IReadOnlyList<string>? OrigImages { get; init; }

    /// <summary>True once trained.</summary>
    public bool IsTrained => TrainedAt is not null;
}
