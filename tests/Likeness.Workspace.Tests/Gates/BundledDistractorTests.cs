using Likeness.Core.Gates;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Gates;

/// <summary>The bundled public-domain distractor faces are what calibrations use unless a folder is configured.</summary>
public sealed class BundledDistractorTests
{
    [Fact]
    public async Task Without_a_configured_or_home_folder_calibration_counts_the_bundled_public_domain_faces()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(
            DatabaseKind.Sqlite, faces: FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem));
        Assert.Null(cast.Options.DistractorsPath);
        Assert.Equal(WorkspaceOptions.BundledDistractorsPath, cast.Options.EffectiveDistractorsPath);
        DistractorSet set = cast.Workspace.Services.GetRequiredService<DistractorSet>();
        Assert.Equal(["cameraman.png", "collins.png", "hopper.jpg"], set.Files.Select(Path.GetFileName));

        // Eileen Collins and Grace Hopper are frontal portraits: at least their two faces count, besides Biden's four references.
        CalibrationBook book = cast.Workspace.Calibrations;
        CharacterCalibration calibration = await book.CurrentAsync(cast.Obama, await book.SubjectAsync(cast.Obama));
        Assert.InRange(calibration.DistractorCount, 2, 3);
        Assert.Equal(4 + calibration.DistractorCount, calibration.ImpostorCount);

        // Three people are not enough on their own: the calibration still says so (docs/gate.md states the limit).
        Assert.Contains(calibration.Warnings, w => w.Contains("impostor face(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_distractors_folder_in_the_home_wins_over_the_bundled_set_and_the_configured_folder_over_both()
    {
        using var home = new Likeness.Testing.TempFolder();
        var options = new WorkspaceOptions { Home = home.Path };
        Assert.Equal(WorkspaceOptions.BundledDistractorsPath, options.EffectiveDistractorsPath);
        Directory.CreateDirectory(home.Combine("distractors"));
        Assert.Equal(home.Combine("distractors"), options.EffectiveDistractorsPath);
        Assert.Equal("/elsewhere", (options with { DistractorsPath = "/elsewhere" }).EffectiveDistractorsPath);
    }
}
