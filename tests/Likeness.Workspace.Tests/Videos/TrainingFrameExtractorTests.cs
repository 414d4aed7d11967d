using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Videos.Drift;
using Likeness.Core.Videos.Frames;
using Likeness.Media.Decoding;
using Likeness.Testing;
using Likeness.Workspace.Videos.Frames;
using Xunit.Abstractions;

namespace Likeness.Workspace.Tests.Videos;

/// <summary>Training frames picked from a clip that lingers on one view, cuts to another person and to black, then shows three other views.</summary>
public sealed class TrainingFrameExtractorTests(TestClips clips, ITestOutputHelper output) : IClassFixture<TestClips>
{
    [FfmpegFact]
    public async Task Only_the_character_is_chosen_once_per_view_and_more_poses_than_every_nth_frame_then_added_with_provenance()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await FacedCast.OpenAsync(new WorkspaceOptions { Home = folder.Path });

        var extractor = new TrainingFrameExtractor(workspace, new VideoFrameReader(new FfmpegOptions()));
        const int Max = 4;
        FrameExtraction extraction = await extractor.ExtractAsync(clips.Poses, "Barack Obama", new FrameExtractOptions { Max = Max, FramesPerSecond = 2 });
        FrameSelection selection = extraction.Selection;
        output.WriteLine(string.Join("\n", extraction.Frames.Select(f => $"{f.Candidate.Time.TotalSeconds:0.0} {f.Candidate.Identity.Distance:0.000} {f.Candidate.PoseLabel} {f.Candidate.Sharpness:0}")));

        // Segments: Obama 0-5, Biden 5-7, black 7-8, Obama's other photos 8-9.5, 9.5-11, 11-12.5.
        Assert.Equal(25, extraction.Frames.Count);
        Assert.All(selection.Chosen, c => Assert.False(c.Time.TotalSeconds is >= 5 and < 8, $"a frame at {c.Time} of Biden or black was chosen"));
        Assert.Equal(4, selection.Rejected.Count(r => r.Reason == FrameRejection.OtherCharacter));
        Assert.Equal(2, selection.Rejected.Count(r => r.Reason == FrameRejection.NoFace));
        Assert.True(selection.Rejected.Count(r => r.Reason == FrameRejection.Duplicate) >= 9, "the still segments repeat one picture");
        int[] segmentOf = [.. selection.Chosen.Select(c => Segment(c.Time.TotalSeconds))];
        Assert.Equal(segmentOf.Length, segmentOf.Distinct().Count());
        Assert.Equal(Max, selection.Chosen.Count);

        // Taking every n-th frame instead: the same number, evenly spaced, counted only where it shows Obama.
        FrameCandidate[] all = [.. extraction.Frames.Select(f => f.Candidate)];
        int everyNthPoses = Enumerable.Range(0, Max).Select(i => all[i * all.Length / Max])
            .Where(f => IdentityDrift.VerdictOf(f.Identity, extraction.Threshold) == FrameVerdict.Kept).Select(f => f.PoseLabel).Distinct().Count();
        output.WriteLine($"poses: chosen {selection.PosesCovered}, every n-th {everyNthPoses}");
        Assert.True(selection.PosesCovered > everyNthPoses, $"chosen cover {selection.PosesCovered} poses, every n-th {everyNthPoses}");

        ReferenceCheckReport report = await extractor.AddAsync(extraction);
        Assert.True(report.Passed, string.Join("; ", report.Errors.Select(e => e.Message)));
        Character obama = await workspace.Characters.GetAsync("Barack Obama");
        string[] added = [.. (await workspace.Characters.ReferencesAsync(obama.Id)).Select(r => r.FileName).Where(n => n.StartsWith("poses.mp4@", StringComparison.Ordinal))];
        Assert.Equal(Max, added.Length);
    }

    private static int Segment(double seconds)
    {
        double end = 0;
        for (int i = 0; i < TestClips.PoseSegments.Length; i++)
        {
            end += TestClips.PoseSegments[i].Seconds;
            if (seconds < end)
            {
                return i;
            }
        }

        return TestClips.PoseSegments.Length - 1;
    }
}
