using Likeness.Core.Characters;
using Likeness.Core.Videos.Drift;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Videos.Drift;

namespace Likeness.Workspace.Tests.Videos;

/// <summary>The face engine follows the demo cast through clips made from their public-domain photos.</summary>
public sealed class VideoIdentityScorerTests(TestClips clips) : IClassFixture<TestClips>
{
    [FfmpegFact]
    public async Task A_cut_to_another_cast_member_is_a_break_within_one_sampled_frame_of_the_cut()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await CastAsync(folder);
        VideoIdentityScorer scorer = workspace.VideoScorer;

        VideoIdentityReport report = await scorer.ScoreAsync(clips.Cut, "Barack Obama", new VideoScoreOptions { FramesPerSecond = 2 });

        Assert.Equal("calibrated", report.ThresholdSource);
        Assert.Equal(18, report.Drift.Frames);
        DriftSegment first = report.Drift.Breaks[0];
        Assert.Equal((FrameVerdict.OtherCharacter, "Joe Biden"), (first.Verdict, first.OtherCharacter));
        Assert.InRange(first.Start.TotalSeconds, TestClips.CutAt.TotalSeconds, TestClips.CutAt.TotalSeconds + 0.5);
        Assert.All(report.Drift.Breaks, b => Assert.True(b.Start >= TestClips.CutAt, $"a break at {b.Start} before the cut"));
        // The black second is a gap, not a break, and the frames before the cut keep the character.
        DriftSegment gap = Assert.Single(report.Drift.Gaps);
        Assert.InRange(gap.Start.TotalSeconds, TestClips.BlackAt.TotalSeconds, TestClips.BlackAt.TotalSeconds + 0.5);
        Assert.All(report.Drift.Points.Where(p => p.Frame.Time < TestClips.CutAt), p => Assert.Equal(FrameVerdict.Kept, p.Verdict));
    }

    [FfmpegFact]
    public async Task A_clip_of_one_person_reports_detection_and_distances_and_claims_no_break()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await CastAsync(folder);
        VideoIdentityScorer scorer = workspace.VideoScorer;

        VideoIdentityReport report = await scorer.ScoreAsync(clips.Zoom, "Barack Obama", new VideoScoreOptions { FramesPerSecond = 2 });

        Assert.Equal(8, report.Drift.Frames);
        Assert.Equal(1.0, report.Drift.DetectionRate);
        Assert.Empty(report.Drift.Breaks);
        Assert.Equal(1.0, report.Drift.KeptRate);
        Assert.InRange(report.Drift.MeanDistance!.Value, 0.0, report.Drift.Threshold!.Value);
    }

    [FfmpegFact]
    public async Task Without_a_calibration_the_distances_are_reported_and_no_verdict_is_claimed()
    {
        using var folder = new TempFolder();
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path }, faces);
        CastMember obama = DemoCast.Load(CastFolder).Characters.Single(c => c.Name == "Barack Obama");
        Character alone = await workspace.Characters.CreateAsync(obama.Name, null, obama.Profile);
        Assert.True((await workspace.Characters.AddReferencesAsync(alone, obama.References)).Report.Passed);
        VideoIdentityScorer scorer = workspace.VideoScorer;

        VideoIdentityReport report = await scorer.ScoreAsync(clips.Cut, "Barack Obama", new VideoScoreOptions { FramesPerSecond = 1 });

        Assert.StartsWith("not calibrated: ", report.ThresholdSource, StringComparison.Ordinal);
        Assert.Null(report.Drift.Threshold);
        Assert.Empty(report.Drift.Breaks);
        Assert.NotNull(report.Drift.MeanDistance);
    }

    private static readonly string CastFolder = Path.Combine(RepoPaths.Root, "samples", "cast");

    /// <summary>A workspace with the face engine and the demo cast (Obama and Biden) with checked references.</summary>
    private static async Task<LikenessWorkspace> CastAsync(TempFolder folder)
    {
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path }, faces);
        foreach (CastMember member in DemoCast.Load(CastFolder).Characters)
        {
            Character c = await workspace.Characters.CreateAsync(member.Name, member.Description, member.Profile);
            Assert.True((await workspace.Characters.AddReferencesAsync(c, member.References)).Report.Passed);
        }

        return workspace;
    }
}
