using Likeness.Core.Gates;
using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Testing;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Persistence;

namespace Likeness.Workspace.Tests.Gates;

/// <summary>Per-character calibrations: measured on held-out distractors, stored, versioned, and honest about thin data.</summary>
public sealed class CalibrationBookTests
{
    [Fact]
    public async Task The_false_accept_rate_on_held_out_distractors_stays_within_the_calibrations_stated_bound()
    {
        // Half the face-api photos calibrate, the other half are impostors the calibration never saw.
        string[] photos = [.. Directory.GetFiles(GateCast.FaceApiPhotos, "*.ppm").Order(StringComparer.Ordinal)];
        using var calibrationSet = new TempFolder();
        foreach (string photo in photos.Where((_, i) => i % 2 == 0))
        {
            File.Copy(photo, calibrationSet.Combine(Path.GetFileName(photo)));
        }

        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, 0.7, calibrationSet.Path);
        CalibrationBook book = cast.Workspace.Calibrations;
        GateSubject subject = await book.SubjectAsync(cast.Obama);
        CharacterCalibration calibration = await book.CurrentAsync(cast.Obama, subject, targetFalseAcceptRate: 0.05);
        Assert.Equal(GateMetrics.Face, calibration.Metric);
        Assert.True(calibration.Usable, string.Join(" ", calibration.Warnings));
        Assert.Equal(4, calibration.GenuineCount);
        Assert.True(calibration.ImpostorCount >= 10 + 4, $"{calibration.ImpostorCount} impostors");
        Assert.True(calibration.DistractorCount >= 10);

        var held = new List<double>();
        foreach (string photo in photos.Where((_, i) => i % 2 == 1))
        {
            using DecodedImage decoded = ImageDecoder.Decode(await File.ReadAllBytesAsync(photo), DecodeOptions.Upright);
            held.AddRange(cast.Workspace.Faces!.Analyze(decoded.Image).Select(f => EmbeddingDistance.Mean(GateMetrics.Face, f.Descriptor, subject.Own)));
        }

        Assert.True(held.Count >= 8, $"{held.Count} held-out faces");
        double measured = held.Count(d => d <= calibration.Threshold) / (double)held.Count;
        Assert.InRange(measured, 0, calibration.FalseAcceptRateUpper95!.Value);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_calibration_is_stored_reused_and_versioned_again_when_the_references_change(DatabaseKind kind)
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(kind, 0.7, GateCast.FaceApiPhotos);
        CalibrationBook book = cast.Workspace.Calibrations;
        CharacterCalibration first = await book.CurrentAsync(cast.Obama, await book.SubjectAsync(cast.Obama));
        CharacterCalibration again = await book.CurrentAsync(cast.Obama, await book.SubjectAsync(cast.Obama));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, first.Version);

        // A new reference (the partial portrait) changes the fingerprint: version 2, and history keeps both.
        string partial = Path.Combine(RepoPaths.Root, "tests", "data", "jpeg", "photos", "obama_partial_face.jpg");
        var (report, added) = await cast.Workspace.Characters.AddReferencesAsync(cast.Obama, [new ReferenceCandidate("obama_partial_face.jpg", await File.ReadAllBytesAsync(partial))]);
        Assert.True(added.Count == 1, string.Join("; ", report.Errors.Select(e => e.Message)));
        CharacterCalibration second = await book.CurrentAsync(cast.Obama, await book.SubjectAsync(cast.Obama));
        Assert.Equal(2, second.Version);
        Assert.NotEqual(first.ReferenceFingerprint, second.ReferenceFingerprint);
        Assert.Equal([second.Id, first.Id], (await book.HistoryAsync(cast.Obama.Id)).Select(c => c.Id));
    }

    [Fact]
    public async Task Too_few_impostors_for_the_target_give_a_warning_and_no_usable_threshold()
    {
        // No distractor photos: Obama's only impostors are Biden's four references.
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, 0.7, null);
        CalibrationBook book = cast.Workspace.Calibrations;
        CharacterCalibration calibration = await book.CurrentAsync(cast.Obama, await book.SubjectAsync(cast.Obama));
        Assert.False(calibration.Usable);
        Assert.Equal(4, calibration.ImpostorCount);
        Assert.Contains(calibration.Warnings, w => w.Contains("impostor face(s)", StringComparison.Ordinal));
    }
}
