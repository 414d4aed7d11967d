using Likeness.Core.Videos.Drift;

namespace Likeness.Core.Tests.Videos;

public sealed class IdentityDriftTests
{
    private static readonly DriftOptions Options = new() { Threshold = 0.5, MinBreak = TimeSpan.FromSeconds(1), RollingWindow = 3, WorstFrames = 2 };

    [Fact]
    public void A_clip_that_keeps_the_character_has_no_break_and_reports_its_rates()
    {
        FrameIdentity[] frames = [.. Enumerable.Range(0, 10).Select(i => Face(i * 0.5, 0.3 + 0.01 * i))];
        DriftReport report = IdentityDrift.Analyze(frames, Options);
        Assert.Empty(report.Breaks);
        Assert.Empty(report.Gaps);
        Assert.Equal((10, 10, 1.0, 1.0), (report.Frames, report.FacesFound, report.DetectionRate, report.KeptRate));
        Assert.Equal(0.345, report.MeanDistance!.Value, 9);
        Assert.Equal(0.345, report.MedianDistance!.Value, 9);
        Assert.Equal([0.39, 0.38], report.Worst.Select(p => p.Frame.Distance!.Value).Select(d => Math.Round(d, 2)));
    }

    [Fact]
    public void A_switch_to_another_cast_member_is_a_break_starting_at_the_first_frame_that_shows_them()
    {
        FrameIdentity[] frames =
        [
            .. Enumerable.Range(0, 6).Select(i => Face(i * 0.5, 0.35)),
            .. Enumerable.Range(6, 6).Select(i => Face(i * 0.5, 0.85, "Joe Biden", 0.3)),
        ];
        DriftSegment brk = Assert.Single(IdentityDrift.Analyze(frames, Options).Breaks);
        Assert.Equal((FrameVerdict.OtherCharacter, "Joe Biden", 6), (brk.Verdict, brk.OtherCharacter, brk.Frames));
        Assert.Equal(TimeSpan.FromSeconds(3), brk.Start);
        Assert.Equal(TimeSpan.FromSeconds(6), brk.End);
    }

    [Fact]
    public void Drift_shorter_than_the_least_break_is_not_a_break_and_longer_drift_is()
    {
        FrameIdentity[] frames =
        [
            Face(0, 0.3), Face(0.5, 0.7), Face(1, 0.3),
            Face(1.5, 0.7), Face(2, 0.72), Face(2.5, 0.75), Face(3, 0.3),
        ];
        DriftSegment brk = Assert.Single(IdentityDrift.Analyze(frames, Options).Breaks);
        Assert.Equal((FrameVerdict.Drifted, 3, 1.5, 3.0), (brk.Verdict, brk.Frames, brk.Start.TotalSeconds, brk.End.TotalSeconds));
    }

    [Fact]
    public void Frames_without_a_face_are_gaps_not_breaks()
    {
        FrameIdentity[] frames =
        [
            Face(0, 0.3), Face(0.5, 0.3),
            new(TimeSpan.FromSeconds(1), false, null), new(TimeSpan.FromSeconds(1.5), false, null), new(TimeSpan.FromSeconds(2), false, null),
            Face(2.5, 0.3),
        ];
        DriftReport report = IdentityDrift.Analyze(frames, Options);
        Assert.Empty(report.Breaks);
        DriftSegment gap = Assert.Single(report.Gaps);
        Assert.Equal((1.0, 2.5), (gap.Start.TotalSeconds, gap.End.TotalSeconds));
        Assert.Equal(0.5, report.DetectionRate);
        Assert.Equal(1.0, report.KeptRate);
    }

    [Fact]
    public void Without_a_threshold_distances_are_reported_but_no_frame_is_judged()
    {
        FrameIdentity[] frames = [Face(0, 0.3), Face(0.5, 0.9), Face(1, 0.95)];
        DriftReport report = IdentityDrift.Analyze(frames, Options with { Threshold = null });
        Assert.Empty(report.Breaks);
        Assert.Null(report.KeptRate);
        Assert.All(report.Points, p => Assert.Null(p.Verdict));
        Assert.Equal([0.6, 0.9, 0.925], report.Points.Select(p => Math.Round(p.RollingMedian!.Value, 3)));
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityDrift.Analyze([], Options with { Threshold = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityDrift.Analyze([], Options with { RollingWindow = 0 }));
        Assert.Equal(0, IdentityDrift.Analyze([], Options).DetectionRate);
    }

    private static FrameIdentity Face(double seconds, double distance, string? other = null, double? otherDistance = null) =>
        new(TimeSpan.FromSeconds(seconds), true, distance, other, otherDistance);
}
