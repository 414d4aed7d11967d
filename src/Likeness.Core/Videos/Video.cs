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

    /// <summary>Share of sampled frames with a face, once the made video was checked (<see cref="RecordIdentity"/>).</summary>
    public double? IdentityDetectionRate { get; private set; }

    /// <summary>Share of frames with a face that keep the character (null: not checked, or no threshold).</summary>
    public double? IdentityKeptRate { get; private set; }

    /// <summary>Median face distance to the character's references over the clip.</summary>
    public double? IdentityMedianDistance { get; private set; }

    /// <summary>The threshold the check judged by.</summary>
    public double? IdentityThreshold { get; private set; }

    /// <summary>Runs where the identity broke (null: not checked).</summary>
    public int? IdentityBreaks { get; private set; }

    /// <summary>Where the threshold came from, or why the video was not checked.</summary>
    public string? IdentityNote { get; private set; }

    /// <summary>The per-frame report (drift.json) in the asset store.</summary>
    public string? IdentityReportSha256 { get; private set; }

    /// <summary>The chart of distance over time (drift.html) in the asset store.</summary>
    public string? IdentityChartSha256 { get; private set; }

    /// <summary>True once the made video was followed frame by frame.</summary>
    public bool IdentityChecked => IdentityReportSha256 is not null;

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

    /// <summary>Records what following the character through the made video found (replacing an earlier check).</summary>
    public void RecordIdentity(VideoIdentityCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        RequireSucceeded();
        IdentityDetectionRate = check.DetectionRate;
        IdentityKeptRate = check.KeptRate;
        IdentityMedianDistance = check.MedianDistance;
        IdentityThreshold = check.Threshold;
        IdentityBreaks = check.Breaks;
        IdentityNote = check.ThresholdSource;
        IdentityReportSha256 = check.ReportSha256;
        IdentityChartSha256 = check.ChartSha256;
    }

    /// <summary>Records why the made video could not be checked (no face engine, no FFmpeg, no reference with a face).</summary>
    public void RecordIdentityNotChecked(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        RequireSucceeded();
        IdentityDetectionRate = IdentityKeptRate = IdentityMedianDistance = IdentityThreshold = null;
        IdentityBreaks = null;
        IdentityReportSha256 = IdentityChartSha256 = null;
        IdentityNote = "not checked: " + reason;
    }

    /// <summary>Records a failure.</summary>
    public void Fail(string error, TimeProvider time) => Fail(error, 0, time);

    /// <summary>
    /// Records a failure the provider billed all the same (<paramref name="chargedUsd"/>, e.g. a result that expired at
    /// the provider before it was collected): charged, and kept in the books with what succeeded.
    /// </summary>
    public void Fail(string error, decimal chargedUsd, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(chargedUsd);
        RequirePending();
        Error = error;
        CostUsd = chargedUsd;
        Status = VideoStatus.Failed;
        CompletedAt = time.GetUtcNow();
    }

    private void RequireSucceeded()
    {
        if (Status != VideoStatus.Succeeded)
        {
            throw new RuleViolationException($"Video {Id} is {Status.ToString().ToLowerInvariant()}: only a made video can be checked.");
        }
    }

    private void RequirePending()
    {
        if (Status != VideoStatus.Pending)
        {
            throw new RuleViolationException($"Video {Id} is already {Status.ToString().ToLowerInvariant()}.");
        }
    }
}
