using Likeness.Core;
using Likeness.Core.TrainingSets;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Workspace.TrainingSets;
using Xunit.Abstractions;

namespace Likeness.Workspace.Tests.TrainingSets;

/// <summary>The lint on real photos measured by the face engine: planted problems found, the cast's clean set clean, bad files named.</summary>
public sealed class TrainingSetInspectorTests(ITestOutputHelper output) : ObamaInFacedCast
{
    private static readonly double[] Insets = [0.0, 0.08, 0.16, 0.24];
    private static readonly string CastFolder = FacedCast.Folder;

    private TrainingSetInspector Inspector => Workspace.TrainingSets;

    [Fact]
    public async Task The_cast_references_have_no_face_identity_or_duplicate_finding_and_captions_vary_without_fixed_traits()
    {
        TrainingSetInspection inspection = await Inspector.InspectReferencesAsync(Obama, null);
        Print(inspection);
        Assert.True(inspection.FacesMeasured);
        Assert.Equal("calibrated", inspection.ThresholdSource);
        // Four photos are fewer than the ten recommended; nothing else is wrong with them.
        Assert.Equal([LintRules.Count], inspection.Report.Findings.Select(f => f.Rule).Distinct());
        Assert.All(inspection.Captions, c => Assert.StartsWith(Obama.TriggerToken + ", ", c, StringComparison.Ordinal));
        Assert.Equal(inspection.Captions.Count, inspection.Captions.Distinct().Count());
        foreach (string trait in TrainingSetLint.FixedTraits(Obama.Profile))
        {
            Assert.All(inspection.Captions, c => Assert.False(TrainingSetLint.ContainsPhrase(c, trait), $"\"{c}\" says \"{trait}\""));
        }
    }

    [Fact]
    public async Task A_planted_set_gets_each_problem_reported()
    {
        byte[] obama = await File.ReadAllBytesAsync(Path.Combine(CastFolder, "obama.jpg"));
        using DecodedImage decoded = ImageDecoder.Decode(obama, DecodeOptions.Upright);
        TrainingImageInput[] set =
        [
            new("obama.jpg", obama, "obamaxyz, brown eyes, press room"),
            new("obama-again.jpg", ImageEncoder.EncodeToBytes(decoded.Image, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = 60 }), "obamaxyz, brown eyes, smaller file"),
            new("obama1.jpg", await File.ReadAllBytesAsync(Path.Combine(CastFolder, "obama1.jpg")), "brown eyes, outdoors"),
            new("biden2.jpg", await File.ReadAllBytesAsync(Path.Combine(CastFolder, "biden2.jpg")), "obamaxyz, brown eyes, smiling"),
            new("tiny.png", Tiny(decoded.Image), "obamaxyz, brown eyes, far away"),
        ];
        set = [.. set.Select(i => i with { Caption = i.Caption!.Replace("obamaxyz", Obama.TriggerToken, StringComparison.Ordinal) })];
        TrainingSetInspection inspection = await Inspector.InspectAsync(Obama, "fal", set);
        Print(inspection);
        TrainingSetReport report = inspection.Report;
        Assert.Equal(["obama.jpg", "obama-again.jpg"], Assert.Single(report.Findings, f => f.Rule == LintRules.Duplicate).Images);
        Assert.Contains(report.Findings, f => f.Rule == LintRules.OtherPerson && f.Images.SequenceEqual(["biden2.jpg"]));
        Assert.Contains(report.Findings, f => f.Rule == LintRules.SmallFace && f.Images.SequenceEqual(["tiny.png"]));
        Assert.Equal(["obama1.jpg"], Assert.Single(report.Findings, f => f.Rule == LintRules.TriggerMissing).Images);
        Assert.Contains("brown eyes", Assert.Single(report.Findings, f => f.Rule == LintRules.FixedTrait).Description, StringComparison.Ordinal);
        Assert.False(report.Passed);
        Assert.Equal(set.Select(i => i.Caption), inspection.Captions);
    }

    [Fact]
    public async Task One_angle_only_is_a_coverage_finding()
    {
        byte[] obama = await File.ReadAllBytesAsync(Path.Combine(CastFolder, "obama.jpg"));
        using DecodedImage decoded = ImageDecoder.Decode(obama, DecodeOptions.Upright);
        // Four crops of the one frontal photo: the same angle every time, far enough apart in framing not to be duplicates.
        TrainingImageInput[] set = [.. Insets.Select((k, i) => new TrainingImageInput($"crop{i}.png", Crop(decoded.Image, k)))];
        TrainingSetInspection inspection = await Inspector.InspectAsync(Obama, null, set);
        Print(inspection);
        Assert.Contains("frontal", Assert.Single(inspection.Report.Findings, f => f.Rule == LintRules.PoseCoverage).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_and_truncated_files_are_clear_errors_naming_the_file()
    {
        byte[] obama = await File.ReadAllBytesAsync(Path.Combine(CastFolder, "obama.jpg"));
        InvalidInputException empty = await Assert.ThrowsAsync<InvalidInputException>(() => Inspector.InspectAsync(Obama, null, [new("empty.jpg", Array.Empty<byte>())]));
        Assert.Contains("empty.jpg is empty", empty.Message, StringComparison.Ordinal);
        InvalidInputException cut = await Assert.ThrowsAsync<InvalidInputException>(() => Inspector.InspectAsync(Obama, null, [new("cut.jpg", obama.AsMemory(0, obama.Length / 2))]));
        Assert.Contains("cut.jpg", cut.Message, StringComparison.Ordinal);
        InvalidInputException text = await Assert.ThrowsAsync<InvalidInputException>(() => Inspector.InspectAsync(Obama, null, [new("notes.jpg", "not an image"u8.ToArray())]));
        Assert.Contains("notes.jpg", text.Message, StringComparison.Ordinal);
    }

    private void Print(TrainingSetInspection inspection)
    {
        output.WriteLine($"score {inspection.Report.Score}, threshold {inspection.ThresholdSource}");
        foreach (LintFinding f in inspection.Report.Findings)
        {
            output.WriteLine($"{f.Severity} {f.Rule}: {f.Description}");
        }

        foreach (var (facts, caption) in inspection.Images.Zip(inspection.Captions))
        {
            output.WriteLine($"{facts.Name} {facts.Width}x{facts.Height} turn {facts.Turn:0.00} luma {facts.FaceLuma:0}: {caption}");
        }
    }

    /// <summary>The photo shrunk to a fifth and set on a 1024 px grey canvas: a face too small to train on.</summary>
    private static byte[] Tiny(Image photo)
    {
        using Image small = Resampler.Resize(photo, photo.Width / 5, photo.Height / 5, ResampleFilter.Bicubic);
        using Image canvas = Image.Create(1024, 1024, PixelFormat.Rgb24);
        canvas.Pixels.Fill(128);
        for (int y = 0; y < small.Height; y++)
        {
            small.GetRow(y)[..(small.Width * 3)].CopyTo(canvas.GetRow(400 + y)[(400 * 3)..]);
        }

        return ImageEncoder.EncodeToBytes(canvas, ImageFormat.Png);
    }

    /// <summary>A centred crop <paramref name="inset"/> of each side in from the edges, scaled back to the photo's size.</summary>
    private static byte[] Crop(Image photo, double inset)
    {
        int x = (int)(photo.Width * inset / 2), w = photo.Width - (2 * x), h = photo.Height - (int)(photo.Height * inset);
        using Image cut = Image.Create(w, h, PixelFormat.Rgb24);
        for (int y = 0; y < h; y++)
        {
            photo.GetRow(y)[(x * 3)..((x + w) * 3)].CopyTo(cut.GetRow(y));
        }

        return ImageEncoder.EncodeToBytes(cut, ImageFormat.Png);
    }
}
