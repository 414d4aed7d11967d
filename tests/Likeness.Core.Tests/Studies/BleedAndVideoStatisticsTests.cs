using Likeness.Core.Studies;
using Likeness.Core.Studies.Bleed;
using Likeness.Core.Studies.Decisions;
using Likeness.Core.Studies.Statistics;
using Likeness.Core.Studies.Videos;
using Likeness.Core.Videos.Drift;

namespace Likeness.Core.Tests.Studies;

/// <summary>The study analysis of two-character scenarios (bleed) and of clips (cost per second, frames pooled), on hand-made rows.</summary>
public sealed class BleedAndVideoStatisticsTests
{
    [Fact]
    public void Bleed_is_counted_per_provider_and_scenario_with_its_wilson_interval_and_the_ground_truth()
    {
        StudyShotResult[] shots =
        [
            Two("a", "none", sim: false, pass: true),
            Two("a", "duplicated", sim: true, pass: true),
            Two("a", "missing+ambiguous", sim: true, pass: false),
            Two("a", "ambiguous", sim: false, pass: true),
            Two("a", null, sim: null, pass: null),
            Two("a", "none", sim: true, pass: true) with { Status = StudyStatuses.Failed },
            Two("b", "none", sim: false, pass: true) with { Scenario = "solo", With = null },
        ];

        BleedStatistics stats = Assert.Single(BleedStatistics.Of(["a", "b"], shots, seed: 1, resamples: 100));

        Assert.Equal(("a", "duo", 5), (stats.Provider, stats.Scenario, stats.Shots));
        Assert.Equal(["Bea"], stats.With);
        Assert.Equal((3, 4), (stats.Bled.Successes, stats.Bled.Trials));
        Assert.Equal(Wilson.Interval(3, 4), stats.Bled.WilsonCi95);
        Assert.Equal((1, 1, 2), (stats.Duplicated, stats.Missing, stats.Ambiguous));
        Assert.Equal((3, 4), (stats.IdentityPass.Successes, stats.IdentityPass.Trials));
        // Bled and flagged: 2; clean and flagged (the ambiguous face): 1; clean and passed: 1.
        Assert.Equal(new BleedConfusion(2, 0, 1, 1), stats.Truth);
    }

    [Fact]
    public void Clips_are_priced_per_second_and_their_frames_pooled_and_projected_at_scale()
    {
        var request = new StudyVideoRequest(["sim-instant", "kling"], "walks", 2, "16:9") { SecondsPerCharacterMonth = 30 };
        StudyVideoResult[] videos =
        [
            Clip(0.2m, 2, [(0.3, FrameVerdict.Kept), (0.4, FrameVerdict.Kept), (null, FrameVerdict.NoFace), (0.7, FrameVerdict.Drifted)], breaks: 1),
            Clip(0.3m, 3, [(0.2, FrameVerdict.Kept), (0.5, FrameVerdict.OtherCharacter)], breaks: 0),
            Clip(0m, 2, [], breaks: 0) with { Status = StudyStatuses.Failed, Drift = null },
        ];

        IReadOnlyList<VideoStatistics> all = VideoStatistics.Of(request, videos, [new ProjectionScale(10, 1_000)]);

        Assert.Equal(["sim-instant", "kling"], all.Select(v => v.Provider));
        VideoStatistics v = all[0];
        Assert.Equal((3, 2, 2, 5.0, 0.5m, 6), (v.Clips, v.Made, v.Checked, v.Seconds, v.SpentUsd, v.Frames));
        Assert.Equal(0.1m, v.CostPerSecondUsd);
        Assert.Equal(5.0 / 6, v.DetectionRate);
        Assert.Equal(3.0 / 5, v.KeptRate);
        Assert.Equal(0.4, v.MedianDistance);
        Assert.Equal(1, v.Breaks);
        VideoProjection month = Assert.Single(v.AtScale);
        Assert.Equal((300L, 30m), (month.SecondsPerMonth, month.MonthlyUsd));
        // A provider with no clip has no price and no projection.
        Assert.Equal((0, (decimal?)null), (all[1].Clips, all[1].CostPerSecondUsd));
        Assert.Empty(all[1].AtScale);
    }

    private static StudyShotResult Two(string provider, string? bleed, bool? sim, bool? pass) => new()
    {
        Character = "Ada", Provider = provider, Scenario = "duo", Variation = 1, Seed = 1, Status = StudyStatuses.Succeeded,
        With = ["Bea"], Bleed = bleed, SimBleed = sim, IdentityPass = pass,
    };

    private static StudyVideoResult Clip(decimal cost, double seconds, (double? Distance, FrameVerdict Verdict)[] frames, int breaks) => new()
    {
        Character = "Ada", Provider = "sim-instant", WithReferences = true, Status = StudyStatuses.Succeeded, DurationSeconds = (int)seconds, Seconds = seconds, CostUsd = cost,
        Drift = new DriftReport
        {
            Frames = frames.Length,
            FacesFound = frames.Count(f => f.Verdict != FrameVerdict.NoFace),
            Points = [.. frames.Select((f, i) => new DriftPoint(new FrameIdentity(TimeSpan.FromSeconds(i * 0.5), f.Verdict != FrameVerdict.NoFace, f.Distance), f.Verdict, f.Distance))],
            Breaks = [.. Enumerable.Range(0, breaks).Select(i => new DriftSegment(FrameVerdict.Drifted, TimeSpan.FromSeconds(i), TimeSpan.FromSeconds(i + 1), 2))],
            Gaps = [],
            Worst = [],
        },
    };
}
