using Likeness.Core.Studies;
using Likeness.Core.Studies.Videos;
using Likeness.Testing;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Studies.Reporting;

namespace Likeness.Workspace.Tests.Studies;

/// <summary>
/// <c>video:</c> in a study file: a clip of each character from its pin through the video service (paid once, reused on
/// a re-run), each followed frame by frame, and the report's video section with the cost per second and the chart.
/// </summary>
public sealed class StudyVideoTests
{
    [FfmpegFact]
    public async Task A_study_makes_each_characters_clips_checks_them_prices_their_seconds_and_reports_them()
    {
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite, faces: faces);
        using var folder = new TempFolder();
        StudyDefinition study = StudyFile.Parse(
            $"name: Clips\ncharacters: [\"{cast.Obama.Name}\"]\nproviders: [sim-instant]\nscenarios: [close-up-portrait]\nvariations: 1\nmegapixels: 0.25\n" +
            "video: { providers: [sim-instant], prompt: walks toward the camera, duration: 2, compare_references: true, seconds_per_character_month: 60 }\n",
            "clips.yaml",
            folder.Path);

        StudyRunSummary run = await new StudyRunner(cast.Workspace).RunAsync(study, folder.Path);

        // Two clips of Obama: with the pin's references and from the frontal image alone; each made, copied and followed.
        Assert.Equal([true, false], run.Results.Videos.Select(v => v.WithReferences));
        foreach (StudyVideoResult clip in run.Results.Videos)
        {
            Assert.Equal((StudyStatuses.Succeeded, "sim-instant", (double?)2.0), (clip.Status, clip.Provider, clip.Seconds));
            Assert.True(File.Exists(Path.Combine(folder.Path, clip.Clip!)));
            Assert.True(File.Exists(Path.Combine(folder.Path, clip.DriftPage!)));
            // The sim films the pinned frontal photo: a face in every sampled frame, and it is the character's.
            Assert.NotNull(clip.Drift);
            Assert.Equal(4, clip.Drift.Frames);
            Assert.Equal(1.0, clip.Drift.DetectionRate);
            Assert.Equal(1.0, clip.Drift.KeptRate);
            Assert.Empty(clip.Drift.Breaks);
        }

        // The cost per second is what the clips cost over their seconds, and video is priced at the projection scales.
        VideoStatistics stats = Assert.Single(run.Analysis.Video);
        Assert.Equal((2, 2, 2, 4.0, 8), (stats.Clips, stats.Made, stats.Checked, stats.Seconds, stats.Frames));
        Assert.Equal(run.Results.Videos.Sum(v => v.CostUsd), stats.SpentUsd);
        Assert.Equal(0.112m, stats.CostPerSecondUsd);
        Assert.Equal((600L, 67.2m), (stats.AtScale[0].SecondsPerMonth, stats.AtScale[0].MonthlyUsd));
        Assert.True(run.Analysis.Decisions.VideoPriced);

        // The files: videos.csv, the report's video section with the chart, results.json read back.
        IReadOnlyList<IReadOnlyList<string>> csv = StudyCsv.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, StudyOutputs.VideoCsvFile)));
        Assert.Equal(StudyVideoCsv.Columns, csv[0]);
        Assert.Equal(3, csv.Count);
        string html = await File.ReadAllTextAsync(Path.Combine(folder.Path, StudyOutputs.ReportFile));
        Assert.Contains("<section id=\"video\">", html, StringComparison.Ordinal);
        Assert.Contains("from the frontal image alone: 100.0 %", html, StringComparison.Ordinal);
        Assert.Contains(StudyFormat.Money(0.112m), html, StringComparison.Ordinal);
        Assert.Contains("Face distance to the character over the clip", html, StringComparison.Ordinal);
        StudyResults back = await StudyOutputs.ReadAsync(folder.Path);
        Assert.Equal(run.Results.Videos.Select(v => v.Drift!.Points.Count), back.Videos.Select(v => v.Drift!.Points.Count));

        // A re-run reuses both clips: nothing more is paid.
        decimal paid = (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd;
        StudyRunSummary again = await new StudyRunner(cast.Workspace).RunAsync(study, folder.Path);
        Assert.Equal(run.Results.Videos.Select(v => v.VideoId), again.Results.Videos.Select(v => v.VideoId));
        Assert.Equal(paid, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd);
    }
}
