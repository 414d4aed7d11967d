using System.Text.Json;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Studies;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Studies.Scoring;

namespace Likeness.Workspace.Tests.Studies;

/// <summary>
/// A newcomer's first idea: a character "Carl" made from the same public-domain photos the demo cast uses, then the
/// PoC study on the sim (which imports the cast). Before the fix, Carl's copies of Obama's photos became impostor
/// pairs at distance 0, τ became -1e-9, every shot failed and the report said "calibrated".
/// </summary>
public sealed class CalibrationCollapseTests
{
    private static readonly string CastFolder = Path.Combine(RepoPaths.Root, "samples", "cast");

    [Fact]
    public async Task A_character_made_of_another_characters_photos_gives_not_calibrated_with_the_reason()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await WithObamasPhotosAsync(folder, "Carl");

        var study = new StudyDefinition
        {
            Name = "PoC with Carl",
            Cast = CastFolder,
            Scenarios = [.. StudyScenario.Standard.Where(s => s.Name is "close-up-portrait" or "profile")],
            Variations = 1,
            Providers = [new StudyProvider { Label = "sim-instant", Provider = "sim-instant" }],
            Megapixels = 0.05,
        };
        string output = Path.Combine(folder.Path, "study");
        StudyRunSummary summary = await new StudyRunner(workspace).RunAsync(study, output);

        // Identical files are never impostor pairs, and the four files Carl shares with Obama are named as the reason.
        CalibrationSamples samples = summary.Results.Calibration!;
        Assert.All(samples.Impostor, d => Assert.True(d > 0.3, $"impostor distance {d}"));
        Assert.Equal(4, samples.Overlaps.Count);
        Assert.All(samples.Overlaps, o => Assert.Equal(("Barack Obama", "Carl"), (o.Character, o.OtherCharacter)));
        var calibration = summary.Analysis.Calibration;
        Assert.False(calibration.Calibrated);
        Assert.Null(calibration.Threshold);
        Assert.Contains("overlap in 4 file(s)", calibration.Reason, StringComparison.Ordinal);
        Assert.All(summary.Results.Shots, s => Assert.Null(s.IdentityPass));
        Assert.StartsWith("Identity threshold: not calibrated: the genuine and impostor sets overlap", summary.CalibrationLine, StringComparison.Ordinal);

        // The published files say the same.
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        JsonElement written = json.RootElement.GetProperty("analysis").GetProperty("calibration");
        Assert.False(written.GetProperty("calibrated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("threshold").ValueKind);
        Assert.Contains("Carl", written.GetProperty("reason").GetString(), StringComparison.Ordinal);
        string report = await File.ReadAllTextAsync(Path.Combine(output, "report.html"));
        Assert.Contains("<b>Not calibrated</b>", report, StringComparison.Ordinal);
        Assert.DoesNotContain("the threshold calibrated on", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shared_file_is_one_overlap_when_both_characters_are_in_the_study()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await WithObamasPhotosAsync(folder, "Barack Obama");
        Assert.True((await AddCarlWithObamasPhotosAsync(workspace)).Passed);

        CalibrationSamples samples = (await CalibrationSampler.CollectAsync(workspace.Characters, workspace.Faces, await workspace.Characters.ListAsync(), default))!;

        // Each of the four shared photos is met from Carl's side and from Obama's: it is reported once.
        Assert.Equal(4, samples.Overlaps.Count);
        Assert.Empty(samples.Impostor);
    }

    [Fact]
    public async Task Add_refs_warns_when_a_file_is_already_another_characters_reference()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await WithObamasPhotosAsync(folder, "Barack Obama");

        ReferenceCheckReport report = await AddCarlWithObamasPhotosAsync(workspace);
        ReferenceFinding[] warnings = [.. report.Findings.Where(f => f.Code == "other-character")];
        Assert.Equal(4, warnings.Length);
        Assert.Contains(warnings, w => w.Message == "obama.jpg is already a reference of Barack Obama (obama.jpg); it is left out of the impostor pairs between the two, and studies will not calibrate an identity threshold while both characters hold it.");
        Assert.All(warnings, w => Assert.Equal(FindingSeverity.Warning, w.Severity));
    }

    /// <summary>Adds a character "Carl" whose references are the cast's four Obama photos, and returns their check.</summary>
    private static async Task<ReferenceCheckReport> AddCarlWithObamasPhotosAsync(LikenessWorkspace workspace)
    {
        CastMember obama = DemoCast.Load(CastFolder).Characters.Single(c => c.Name == "Barack Obama");
        Character carl = await workspace.Characters.CreateAsync("Carl", null, obama.Profile);
        return (await workspace.Characters.AddReferencesAsync(carl, obama.References)).Report;
    }

    /// <summary>A workspace with the face engine and one character, <paramref name="name"/>, made from the cast's four Obama photos.</summary>
    private static async Task<LikenessWorkspace> WithObamasPhotosAsync(TempFolder folder, string name)
    {
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path }, faces);
        CastMember obama = DemoCast.Load(CastFolder).Characters.Single(c => c.Name == "Barack Obama");
        Character character = await workspace.Characters.CreateAsync(name, null, obama.Profile);
        Assert.True((await workspace.Characters.AddReferencesAsync(character, obama.References)).Report.Passed);
        return workspace;
    }
}
