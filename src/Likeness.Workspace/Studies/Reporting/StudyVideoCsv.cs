using Likeness.Core.Studies.Videos;

namespace Likeness.Workspace.Studies.Reporting;

/// <summary>videos.csv: one row per clip a study made or tried, in the dialect of results.csv.</summary>
public static class StudyVideoCsv
{
    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "character", "provider", "with_references", "status", "duration_s", "seconds", "cost_usd", "latency_ms", "frames", "detection_rate", "kept_rate",
        "median_distance", "threshold", "breaks", "simulated", "not_checked", "error", "video_id", "clip", "drift_page",
    ];

    /// <summary>The cells of one clip, in <see cref="Columns"/> order.</summary>
    public static IReadOnlyList<string> Cells(StudyVideoResult v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return
        [
            v.Character, v.Provider, StudyFormat.Bool(v.WithReferences), v.Status, StudyFormat.Whole(v.DurationSeconds), v.Seconds is { } s ? StudyFormat.Number(s) : string.Empty,
            StudyFormat.Usd(v.CostUsd), StudyFormat.Milliseconds(v.LatencyMs), v.Drift is { } d ? StudyFormat.Whole(d.Frames) : string.Empty,
            StudyFormat.Score(v.Drift?.DetectionRate), StudyFormat.Score(v.Drift?.KeptRate), StudyFormat.Score(v.Drift?.MedianDistance), StudyFormat.Score(v.Drift?.Threshold),
            v.Drift is { } b ? StudyFormat.Whole(b.Breaks.Count) : string.Empty, StudyFormat.Bool(v.Simulated), v.NotChecked ?? string.Empty, v.Error ?? string.Empty,
            v.VideoId ?? string.Empty, v.Clip ?? string.Empty, v.DriftPage ?? string.Empty,
        ];
    }

    /// <summary>The whole file.</summary>
    public static string Write(IEnumerable<StudyVideoResult> videos)
    {
        ArgumentNullException.ThrowIfNull(videos);
        return StudyCsv.Write(Columns, videos.Select(Cells));
    }
}
