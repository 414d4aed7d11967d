using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Gates;

namespace Likeness.Workspace.Tests.Gates;

/// <summary>Characters the face engine cannot judge: CLIP-I with its own calibration when a CLIP model is installed, else a refusal.</summary>
public sealed class ClipFallbackTests
{
    private static async Task<Character> ObamaAsync(LikenessWorkspace workspace)
    {
        Character obama = null!;
        foreach (CastMember member in DemoCast.Load(Path.Combine(RepoPaths.Root, "samples", "cast")).Characters)
        {
            Character c = await workspace.Characters.CreateAsync(member.Name, null, member.Profile);
            Assert.True((await workspace.Characters.AddReferencesAsync(c, member.References)).Report.Passed);
            obama = member.Name == "Barack Obama" ? c : obama;
        }

        return obama;
    }

    [Fact]
    public async Task Without_faces_the_gate_judges_by_clip_with_its_own_calibration_and_says_so()
    {
        using var folder = new TempFolder();
        ClipEngine clip = ClipEngine.TryLoad(Path.Combine(RepoPaths.Root, "tests", "data", "clip-tiny"), out string? problem) ?? throw new InvalidOperationException(problem);
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path, DistractorsPath = GateCast.FaceApiPhotos }, faces: null, clip: clip);
        Character obama = await ObamaAsync(workspace);

        GateSubject subject = await workspace.Calibrations.SubjectAsync(obama);
        Assert.Equal((GateMetrics.ClipImage, clip.Name), (subject.Metric, subject.Model));
        Assert.Contains("CLIP-I", subject.Fallback, StringComparison.Ordinal);
        CharacterCalibration calibration = await workspace.Calibrations.CurrentAsync(obama, subject, 0.05);
        Assert.Equal(GateMetrics.ClipImage, calibration.Metric);
        // Biden's four references and the six distractor photos (one whole-image embedding each).
        Assert.Equal((4, 10, 6), (calibration.GenuineCount, calibration.ImpostorCount, calibration.DistractorCount));
    }

    [Fact]
    public async Task Without_faces_or_clip_the_gate_says_it_cannot_judge()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path, ClipModel = folder.Combine("no-clip") });
        Character obama = await ObamaAsync(workspace);
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => workspace.Calibrations.SubjectAsync(obama));
        Assert.Contains("cannot judge", refused.Message, StringComparison.Ordinal);
    }
}
