using System.Text.Json;
using Likeness.Core.Scoring;

namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>Knobs of a <see cref="LeonardoEmulator"/>. They may be changed while it runs; timings are read when a generation is submitted.</summary>
public sealed class LeonardoEmulatorOptions
{
    /// <summary>The clock every status, expiry and rate window follows (a manual clock in tests).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Time a generation stays PENDING.</summary>
    public TimeSpan RunDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Status reads of each generation that answer PENDING whatever the time (besides <see cref="RunDuration"/>), so a
    /// client is seen to wait however slowly it polls.
    /// </summary>
    public int PendingReads { get; set; }

    /// <summary>How long a presigned init-image form is accepted (Leonardo: two minutes).</summary>
    public TimeSpan UploadExpiry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary><c>POST /generations</c> accepted per minute before a 429 (Leonardo's default: 100).</summary>
    public int GenerationsPerMinute { get; set; } = 100;

    /// <summary>PENDING generations allowed at once before a 429 (Leonardo's queue limit: 200).</summary>
    public int PendingLimit { get; set; } = 200;

    /// <summary>The unit of the reported cost: <c>DOLLARS</c> or <c>CREDITS</c>.</summary>
    public string CostUnit { get; set; } = "DOLLARS";

    /// <summary>The reported cost of one image, in <see cref="CostUnit"/>.</summary>
    public decimal CostPerImage { get; set; } = 0.0125m;

    /// <summary>Where completion callbacks go (Leonardo: the URL set on the API key); null for none.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>The callback key sent as <c>authorization: Bearer</c>; null sends no header.</summary>
    public string? CallbackKey { get; set; }

    /// <summary>Delivery attempts per callback when the receiver answers non-2xx or cannot be reached.</summary>
    public int CallbackAttempts { get; set; } = 5;

    /// <summary>Words that make every image of a generation whose prompt holds one come back flagged <c>nsfw: true</c>.</summary>
    public IReadOnlyList<string> NsfwWords { get; set; } = [];

    /// <summary>
    /// The status the image host answers for every generated image instead of the image (404 or 410: the image is gone,
    /// as it is some time after the generation; a 5xx: the host cannot serve it now); null serves the images.
    /// </summary>
    public int? ImageStatus { get; set; }

    /// <summary>Makes a generation end FAILED: given the request body, true to fail it.</summary>
    public Func<JsonElement, bool>? FailWhen { get; set; }

    /// <summary>
    /// Photos of other people a shot drifts to when it loses the character (the Character Reference did not hold);
    /// without any, a drifted shot shows an empty backdrop.
    /// </summary>
    public IReadOnlyList<byte[]> Distractors { get; set; } = [];

    /// <summary>A face engine for framing (crop around the largest face, as the sim provider does); null frames the upper middle.</summary>
    public IFaceAnalyzer? Faces { get; set; }

    /// <summary>Throws when a knob is out of range (checked at start).</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Time);
        ArgumentOutOfRangeException.ThrowIfLessThan(RunDuration, TimeSpan.Zero, nameof(RunDuration));
        ArgumentOutOfRangeException.ThrowIfNegative(PendingReads, nameof(PendingReads));
        ArgumentOutOfRangeException.ThrowIfLessThan(UploadExpiry, TimeSpan.Zero, nameof(UploadExpiry));
        ArgumentOutOfRangeException.ThrowIfLessThan(GenerationsPerMinute, 1, nameof(GenerationsPerMinute));
        ArgumentOutOfRangeException.ThrowIfLessThan(PendingLimit, 1, nameof(PendingLimit));
        ArgumentOutOfRangeException.ThrowIfLessThan(CallbackAttempts, 1, nameof(CallbackAttempts));
        ArgumentOutOfRangeException.ThrowIfNegative(CostPerImage, nameof(CostPerImage));
        if (ImageStatus is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(ImageStatus), ImageStatus, "ImageStatus is an error status (400 to 599), or null.");
        }
        if (CostUnit is not ("DOLLARS" or "CREDITS"))
        {
            throw new ArgumentException($"CostUnit is DOLLARS or CREDITS (got '{CostUnit}').", nameof(CostUnit));
        }
    }
}
