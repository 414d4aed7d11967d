using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Imaging.Rows;
using Likeness.Testing;

namespace Likeness.Core.Tests.References;

/// <summary>
/// A PNG (interlaced too) or JPEG (progressive and multi-scan ones too) reference is checked by rows (never decoded whole) and gets the facts the whole-image check
/// gives: size, fingerprint, hash; a cut-off one is refused as truncated, as before. (No face engine here; the faces are compared
/// in the workspace's and the inference's tests.)
/// </summary>
public sealed class ReferenceRowsTests
{
    [Theory]
    [InlineData("png", "photo-rgb.png")]
    [InlineData("png", "photo-rgba.png")]
    [InlineData("png", "photo-palette-trns.png")]
    [InlineData("png", "photo-rgb-adam7.png")]
    [InlineData("png", "photo-rgba-16bit-adam7.png")]
    [InlineData("jpeg", "photo-420.jpg")]
    [InlineData("jpeg", "photo-444.jpg")]
    [InlineData("jpeg", "photo-gray.jpg")]
    [InlineData("jpeg", "photo-cmyk.jpg")]
    [InlineData("jpeg", "photo-restart-row.jpg")]
    [InlineData("jpeg", "photos/obama_partial_face.jpg")]
    [InlineData("jpeg", "photos/obama1.jpg")]
    [InlineData("jpeg", "photo-progressive-restart.jpg")]
    [InlineData("jpeg", "photo-sequential-two-scans.jpg")]
    public void A_file_checked_by_rows_has_the_size_fingerprint_and_hash_of_its_decode(string format, string file)
    {
        byte[] bytes = File.ReadAllBytes(RepoPaths.TestData(format, file));
        Assert.NotNull(ImageRows.TryOpen(bytes, DecodeOptions.Upright));
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        var checker = new ReferenceChecker(ReferenceRules.Default, faces: null);

        CheckedReference item = Assert.Single(checker.Check([new ReferenceCandidate(file, bytes)], []).Accepted);

        Assert.Equal((decoded.Image.Width, decoded.Image.Height), (item.Width, item.Height));
        Assert.Equal(ImageFingerprint.Compute(decoded.Image), item.Fingerprint);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), item.Sha256);
        Assert.Equal(format, item.Format);
    }

    [Fact]
    public void A_jpeg_turned_by_its_exif_orientation_is_checked_by_rows_upright_with_its_decodes_size_and_fingerprint()
    {
        // A photo that is not square (so the turn shows in the size), re-encoded as a baseline 4:2:0 JPEG.
        byte[] stored;
        using (DecodedImage photo = ImageDecoder.Decode(File.ReadAllBytes(RepoPaths.TestData("jpeg", "photo-420.jpg"))))
        using (Image wide = Likeness.Imaging.Transforms.Geometry.Crop(photo.Image, 0, 40, 320, 203))
        {
            stored = ImageEncoder.EncodeToBytes(wide, ImageFormat.Jpeg);
        }

        byte[] jpeg = ExifOrientationFiles.WithJpegOrientation(stored, 6); // a quarter turn clockwise
        Assert.NotNull(ImageRows.TryOpen(jpeg, DecodeOptions.Upright));
        using DecodedImage decoded = ImageDecoder.Decode(jpeg, DecodeOptions.Upright);
        Assert.Equal(6, decoded.Info.ExifOrientation);
        Assert.Equal((203, 320), (decoded.Image.Width, decoded.Image.Height));
        var checker = new ReferenceChecker(ReferenceRules.Default, faces: null);

        CheckedReference item = Assert.Single(checker.Check([new ReferenceCandidate("turned.jpg", jpeg)], []).Accepted);

        Assert.Equal((decoded.Image.Width, decoded.Image.Height), (item.Width, item.Height));
        Assert.Equal(ImageFingerprint.Compute(decoded.Image), item.Fingerprint);
        Assert.Equal("jpeg", item.Format);
    }

    [Fact]
    public void A_cut_off_jpeg_is_refused_as_truncated_as_its_decode_is()
    {
        byte[] jpeg = File.ReadAllBytes(RepoPaths.TestData("jpeg", "photo-420.jpg"));
        ReadOnlyMemory<byte> cut = jpeg.AsMemory(0, jpeg.Length * 2 / 3);
        Assert.NotNull(ImageRows.TryOpen(cut, DecodeOptions.Upright));
        using (DecodedImage decoded = ImageDecoder.Decode(cut.Span, DecodeOptions.Upright))
        {
            Assert.True(decoded.IsTruncated);
        }

        ReferenceCheckReport report = new ReferenceChecker(ReferenceRules.Default, faces: null).Check([new ReferenceCandidate("cut.jpg", cut)], []);

        ReferenceFinding truncated = Assert.Single(report.Errors);
        Assert.Equal(("truncated", "cut.jpg"), (truncated.Code, truncated.FileName));
        Assert.Empty(report.Accepted);
    }

    [Fact]
    public void A_cut_off_png_is_refused_as_truncated()
    {
        byte[] png = File.ReadAllBytes(RepoPaths.TestData("png", "photo-rgb.png"));
        var checker = new ReferenceChecker(ReferenceRules.Default, faces: null);

        ReferenceCheckReport report = checker.Check([new ReferenceCandidate("cut.png", png.AsMemory(0, png.Length * 2 / 3))], []);

        ReferenceFinding truncated = Assert.Single(report.Errors);
        Assert.Equal(("truncated", "cut.png"), (truncated.Code, truncated.FileName));
        Assert.Empty(report.Accepted);
    }
}
