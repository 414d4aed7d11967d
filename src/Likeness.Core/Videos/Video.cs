namespace Likeness.Core.Videos;

/// <summary>One video call for a pinned character: the request, and when done the file, cost and latency.</summary>
public sealed class Video
{
    /// <summary>Shortest video a request may ask for, in seconds.</summary>
    public const int MinDurationSeconds = 1;

    /// <summary>Longest video a request may ask for, in seconds (Kling O3 goes to 15).</summary>
    public const int MaxDurationSeconds = 15;

    private Video()
    {
        Provider = Prompt = AspectRatio = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The character.</summary>
    public Guid CharacterId { get; private set; }

    /// <summary>The pin whose frontal image and references were sent.</summary>
    public Guid PinId { get; private set; }

    /// <summary>Provider name.</summary>
    public string Provider { get; private set; }

    /// <summary>What was asked.</summary>
    public string Prompt { get; private set; }

    /// <summary>Requested length.</summary>
    public int DurationSeconds { get; private set; }

    /// <summary>Requested aspect ratio ("16:9", "9:16", "1:1").</summary>
    public string AspectRatio { get; private set; }

    /// <summary>Where it is.</summary>
    public VideoStatus Status { get; private set; }

    /// <summary>SHA-256 of the video in the asset store.</summary>
    public string? AssetSha256 { get; private set; }

    /// <summary>The video's media type.</summary>
    public string? ContentType { get; private set; }

    /// <summary>Length of the video returned.</summary>
    public double? ActualSeconds { get; private set; }

    /// <summary>The provider's id for the call.</summary>
    public string? ProviderRequestId { get; private set; }

    /// <summary>Wall time of the provider call.</summary>
    public double? LatencyMs { get; private set; }

    /// <summary>What it cost.</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>True for the offline simulator's output.</summary>
    public bool Simulated { get; private set; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; private set; }

    /// <summary>When it was requested.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>A new pending video; checks the prompt, duration and aspect ratio.</summary>
    public static Video Create(Guid characterId, Guid pinId, string provider, string prompt, int durationSeconds, string aspectRatio, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new InvalidInputException("A video needs a prompt.", "prompt");
        }

        if (durationSeconds is < MinDurationSeconds or > MaxDurationSeconds)
        {
            throw new InvalidInputException($"A video lasts {MinDurationSeconds} to {MaxDurationSeconds} seconds (got {durationSeconds}).", "duration");
        }

        if (aspectRatio is not ("16:9" or "9:16" or "1:1"))
        {
            throw new InvalidInputException($"A video's aspect ratio is 16:9, 9:16 or 1:1 (got '{aspectRatio}').", "aspect-ratio");
        }

        DateTimeOffset now = time.GetUtcNow();
        return new Video
        {
            Id = Guid.CreateVersion7(now),
            CharacterId = characterId,
            PinId = pinId,
            Provider = provider,
            Prompt = prompt.Trim(),
            DurationSeconds = durationSeconds,
            AspectRatio = aspectRatio,
            Status = VideoStatus.Pending,
            CreatedAt = now,
        };
    }

    /// <summary>Records the stored video and what the call cost.</summary>
    public void Succeed(string assetSha256, string contentType, double actualSeconds, string? providerRequestId, double latencyMs, decimal costUsd, bool simulated, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RequirePending();
        ArgumentException.ThrowIfNullOrWhiteSpace(assetSha256);
        AssetSha256 = assetSha256;
        ContentType = contentType;
        ActualSeconds = actualSeconds;
        ProviderRequestId = providerRequestId;
        LatencyMs = latencyMs;
        CostUsd = costUsd;
        Simulated = simulated;
        Status = VideoStatus.Succeeded;
        CompletedAt = time.GetUtcNow();
    }

    /// <summary>Records a failure.</summary>
    public void Fail(string error, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RequirePending();
        Error = error;
        Status = VideoStatus.Failed;
        CompletedAt = time.GetUtcNow();
    }

    private void RequirePending()
    {
        if (Status != VideoStatus.Pending)
        {
            throw new RuleViolationException($"Video {Id} is already {Status.ToString().ToLowerInvariant()}.");
        }
    }
}
