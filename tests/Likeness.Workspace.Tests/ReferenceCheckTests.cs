using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Imaging.Rows;
using Likeness.Testing;
using Likeness.Workspace.Faces;

namespace Likeness.Workspace.Tests;

/// <summary>The reference checks with the real face engine on the public-domain photos.</summary>
public sealed class ReferenceCheckTests
{
    private static ReferenceCandidate Photo(string file) =>
        new(file, File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", file)));

    private static async Task<LikenessWorkspace> OpenAsync(TempFolder folder)
    {
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        return await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path }, faces);
    }

    [Fact]
    public async Task A_stranger_among_the_references_is_refused_and_nothing_is_added()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await OpenAsync(folder);
        var character = await workspace.Characters.CreateAsync("Barack", null, null);
        var (report, added) = await workspace.Characters.AddReferencesAsync(character,
            [Photo("obama.jpg"), Photo("obama1.jpg"), Photo("obama2.jpg"), Photo("biden2.jpg")]);
        ReferenceFinding stranger = Assert.Single(report.Errors);
        Assert.Equal(("different-person", "biden2.jpg"), (stranger.Code, stranger.FileName));
        Assert.Empty(added);
        Assert.Empty(await workspace.Characters.ReferencesAsync(character.Id));

        var (ok, kept) = await workspace.Characters.AddReferencesAsync(character, [Photo("obama.jpg"), Photo("obama1.jpg"), Photo("obama2.jpg")]);
        Assert.True(ok.Passed);
        Assert.Equal(3, kept.Count);
        Assert.All(kept, r => Assert.Equal(1, r.Analysis!.FacesFound));
        Assert.Contains(ok.Warnings, w => w.Code == "low-resolution" && w.FileName == "obama2.jpg");
    }

    [Fact]
    public async Task Too_few_faces_duplicates_and_foreign_formats_are_reported_by_file()
    {
        using var folder = new TempFolder();
        using LikenessWorkspace workspace = await OpenAsync(folder);
        var character = await workspace.Characters.CreateAsync("Joe", null, null);
        var (few, _) = await workspace.Characters.AddReferencesAsync(character, [Photo("biden.jpg"), Photo("biden2.jpg")]);
        Assert.Contains(few.Errors, e => e.Code == "too-few-faces");

        using DecodedImage original = ImageDecoder.Decode(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", "biden2.jpg")));
        using Image smaller = Resampler.Resize(original.Image, 900, 900);
        var resized = new ReferenceCandidate("biden2-small.png", ImageEncoder.EncodeToBytes(smaller, ImageFormat.Png));
        var (report, _) = await workspace.Characters.AddReferencesAsync(character,
            [Photo("biden.jpg"), Photo("biden2.jpg"), resized, Photo("biden2.jpg") with { FileName = "again.jpg" }, new ReferenceCandidate("notes.txt", "hello"u8.ToArray())]);
        Assert.Contains(report.Warnings, w => w.Code == "near-duplicate" && w.FileName == "biden2-small.png");
        Assert.Contains(report.Errors, e => e.Code == "duplicate" && e.FileName == "again.jpg");
        Assert.Contains(report.Errors, e => e.Code == "format" && e.FileName == "notes.txt");
    }

    [Fact]
    public void A_png_reference_checked_by_rows_stores_the_face_and_fingerprint_of_its_whole_decode()
    {
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        using DecodedImage photo = ImageDecoder.Decode(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", "obama1.jpg")), DecodeOptions.Upright);
        byte[] png = ImageEncoder.EncodeToBytes(photo.Image, ImageFormat.Png);
        Assert.NotNull(ImageRows.TryOpen(png, DecodeOptions.Upright)); // the check takes the row path

        CheckedReference item = Assert.Single(new ReferenceChecker(ReferenceRules.Default, faces).Check([new ReferenceCandidate("obama1.png", png)], []).Accepted);

        IReadOnlyList<FaceObservation> whole = faces.Analyze(photo.Image);
        FaceObservation largest = FaceDistance.Largest(whole)!;
        Assert.Equal((photo.Image.Width, photo.Image.Height), (item.Width, item.Height));
        Assert.Equal(ImageFingerprint.Compute(photo.Image), item.Fingerprint);
        Assert.Equal(whole.Count, item.Analysis!.FacesFound);
        Assert.Equal<FaceBox?>(largest.Box, item.Analysis.Face);
        Assert.Equal(largest.Score, item.Analysis.FaceScore);
        Assert.Equal(largest.Descriptor.Select(BitConverter.SingleToInt32Bits), item.Analysis.Descriptor.Select(BitConverter.SingleToInt32Bits));
    }
}
