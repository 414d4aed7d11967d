using Likeness.Core.Studies.Decisions;
using Likeness.Core.Videos.Drift;

namespace Likeness.Core.Studies.Videos;

/// <summary>
/// A study's clips at one video provider: how many, their seconds and what they cost (and so the cost per second),
/// the character followed through them (frames pooled: detection rate, kept rate, median distance, breaks), and the
/// monthly cost of video at the study's projection scales.
/// </summary>
public sealed record VideoStatistics
{
    /// <summary>The provider.</summary>
    public required string Provider { get; init; }

    /// <summary>Clips asked for.</summary>
    public required int Clips { get; init; }

    /// <summary>Clips made.</summary>
    public required int Made { get; init; }

    /// <summary>Made clips followed frame by frame.</summary>
    public required int Checked { get; init; }

    /// <summary>Seconds of the made clips.</summary>
    public required double Seconds { get; init; }

    /// <summary>What the made clips cost.</summary>
    public required decimal SpentUsd { get; init; }

    /// <summary>Spent ÷ seconds; null without a made second.</summary>
    public decimal? CostPerSecondUsd => Seconds > 0 ? SpentUsd / (decimal)Seconds : null;

    /// <summary>Sampled frames over the checked clips.</summary>
    public required int Frames { get; init; }

    /// <summary>Frames with a face ÷ frames; null without frames.</summary>
    public double? DetectionRate { get; init; }

    /// <summary>Frames that keep the character ÷ frames with a judged face; null without a threshold or a face.</summary>
    public double? KeptRate { get; init; }

    /// <summary>Median face distance over the frames with a face.</summary>
    public double? MedianDistance { get; init; }

    /// <summary>Breaks over the checked clips.</summary>
    public required int Breaks { get; init; }

    /// <summary>Monthly video cost at each projection scale (characters × seconds a character needs × cost per second); empty without a price.</summary>
    public IReadOnlyList<VideoProjection> AtScale { get; init; } = [];

    /// <summary>The statistics of each video provider of <paramref name="request"/>, in its order.</summary>
    public static IReadOnlyList<VideoStatistics> Of(StudyVideoRequest? request, IReadOnlyList<StudyVideoResult> videos, IReadOnlyList<ProjectionScale> scales)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(scales);
        IEnumerable<string> providers = (request?.Providers ?? []).Concat(videos.Select(v => v.Provider)).Distinct(StringComparer.Ordinal);
        var result = new List<VideoStatistics>();
        foreach (string provider in providers)
        {
            List<StudyVideoResult> clips = [.. videos.Where(v => v.Provider == provider)];
            List<StudyVideoResult> made = [.. clips.Where(v => v.Status == StudyStatuses.Succeeded)];
            List<DriftReport> drifts = [.. made.Where(v => v.Drift is not null).Select(v => v.Drift!)];
            List<DriftPoint> points = [.. drifts.SelectMany(d => d.Points)];
            List<DriftPoint> judged = [.. points.Where(p => p.Verdict is FrameVerdict.Kept or FrameVerdict.Drifted or FrameVerdict.OtherCharacter)];
            double[] distances = [.. points.Where(p => p.Frame.Distance is not null).Select(p => p.Frame.Distance!.Value).Order()];
            var stats = new VideoStatistics
            {
                Provider = provider,
                Clips = clips.Count,
                Made = made.Count,
                Checked = drifts.Count,
                Seconds = made.Sum(v => v.Seconds ?? v.DurationSeconds),
                SpentUsd = made.Sum(v => v.CostUsd),
                Frames = points.Count,
                DetectionRate = points.Count == 0 ? null : points.Count(p => p.Frame.FaceFound) / (double)points.Count,
                KeptRate = judged.Count == 0 ? null : judged.Count(p => p.Verdict == FrameVerdict.Kept) / (double)judged.Count,
                MedianDistance = distances.Length == 0 ? null : Median(distances),
                Breaks = drifts.Sum(d => d.Breaks.Count),
            };
            int seconds = request?.SecondsPerCharacterMonth ?? 0;
            result.Add(stats.CostPerSecondUsd is not { } perSecond || seconds == 0 ? stats : stats with
            {
                AtScale = [.. scales.Select(s => new VideoProjection(s, (long)s.Characters * seconds, s.Characters * seconds * perSecond))],
            });
        }

        return result;
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

/// <summary>Video at one projection scale.</summary>
/// <param name="Scale">The scale.</param>
/// <param name="SecondsPerMonth">Seconds of video a month (characters × seconds a character needs).</param>
/// <param name="MonthlyUsd">Their cost at the measured cost per second.</param>
public sealed record VideoProjection(ProjectionScale Scale, long SecondsPerMonth, decimal MonthlyUsd);
