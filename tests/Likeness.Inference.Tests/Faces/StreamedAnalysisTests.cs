using Likeness.Imaging;
using Likeness.Imaging.Rows;
using Likeness.Imaging.Transforms;
using Likeness.Inference.Faces;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Faces;

/// <summary>
/// The analysis of an image read by rows (the upload checks' path, which never holds the pixels) finds the same faces
/// as the analysis of its decode, to the bit: scores, boxes, landmarks and descriptors, in both alignment modes, on
/// the cast photos (as PNGs, and as the JPEGs they are, baseline or progressive), a public-domain input, and a large picture
/// whose faces are cut by its borders.
/// </summary>
public sealed class StreamedAnalysisTests
{
    public static TheoryData<string, FaceAlignment> Photos => new()
    {
        { "obama_and_biden.jpg", FaceAlignment.Affine },
        { "biden.jpg", FaceAlignment.Affine },
        { "two_people.jpg", FaceAlignment.FaceApi },
    };

    [Theory]
    [MemberData(nameof(Photos))]
    public void A_cast_photo_read_by_rows_gives_the_faces_of_its_decode(string file, FaceAlignment alignment)
    {
        using DecodedImage decoded = ImageDecoder.DecodeFile(Path.Combine(RepoPaths.Root, "samples", "cast", file), DecodeOptions.Upright);
        AssertSameFaces(decoded.Image, alignment, minFaces: 1);
    }

    public static TheoryData<string, FaceAlignment> CastJpegs => new()
    {
        { "biden.jpg", FaceAlignment.Affine },
        { "obama.jpg", FaceAlignment.FaceApi },
        { "two_people.jpg", FaceAlignment.FaceApi },
        { "obama1.jpg", FaceAlignment.Affine }, // progressive: its coefficients spill on each pass
        { "obama_and_biden.jpg", FaceAlignment.FaceApi }, // progressive
    };

    [Theory]
    [MemberData(nameof(CastJpegs))]
    public void A_cast_jpeg_read_by_its_own_rows_gives_the_faces_of_its_decode(string file, FaceAlignment alignment)
    {
        byte[] jpeg = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", file));
        using DecodedImage decoded = ImageDecoder.Decode(jpeg, DecodeOptions.Upright);
        ImageRows rows = ImageRows.TryOpen(jpeg, DecodeOptions.Upright) ?? throw new InvalidOperationException($"{file} is not offered by rows.");

        AssertSameFaces(decoded.Image, rows, alignment, minFaces: 1);
    }

    [Theory]
    [InlineData(6, FaceAlignment.Affine)]
    [InlineData(8, FaceAlignment.FaceApi)]
    public void A_cast_jpeg_stored_sideways_with_an_exif_orientation_read_by_rows_gives_the_faces_of_its_upright_decode(int orientation, FaceAlignment alignment)
    {
        // Stored turned the other way, as a phone stores a photo taken on its side, so upright the face is upright.
        byte[] stored;
        using (DecodedImage photo = ImageDecoder.DecodeFile(Path.Combine(RepoPaths.Root, "samples", "cast", "obama.jpg"), DecodeOptions.Upright))
        using (Image sideways = orientation == 6 ? Geometry.Rotate270(photo.Image) : Geometry.Rotate90(photo.Image))
        {
            stored = ImageEncoder.EncodeToBytes(sideways, ImageFormat.Jpeg);
        }

        byte[] jpeg = ExifOrientationFiles.WithJpegOrientation(stored, orientation);
        using DecodedImage decoded = ImageDecoder.Decode(jpeg, DecodeOptions.Upright);
        Assert.Equal(orientation, decoded.Info.ExifOrientation);
        ImageRows rows = ImageRows.TryOpen(jpeg, DecodeOptions.Upright) ?? throw new InvalidOperationException("The sideways JPEG is not offered by rows.");

        AssertSameFaces(decoded.Image, rows, alignment, minFaces: 1);
    }

    [Fact]
    public void A_public_domain_input_read_by_rows_gives_the_faces_of_its_decode()
    {
        using Image image = FaceTestData.LoadPpm("pd-inputs", "obama_and_biden_640.ppm");
        AssertSameFaces(image, FaceAlignment.Affine, minFaces: 2);
    }

    [Theory]
    [InlineData(FaceAlignment.Affine)]
    [InlineData(FaceAlignment.FaceApi)]
    public void A_large_picture_with_faces_cut_by_its_borders_gives_the_faces_of_its_decode(FaceAlignment alignment)
    {
        // 2,400 x 1,600 of noise: one face cut by the left border, one by the bottom border.
        using Image canvas = Image.Create(2400, 1600, PixelFormat.Rgb24);
        new Random(14).NextBytes(canvas.Pixels);
        using (DecodedImage obama = ImageDecoder.DecodeFile(Path.Combine(RepoPaths.Root, "samples", "cast", "obama.jpg"), DecodeOptions.Upright))
        {
            Paste(obama.Image, canvas, -330, 150);
        }

        using (DecodedImage biden = ImageDecoder.DecodeFile(Path.Combine(RepoPaths.Root, "samples", "cast", "biden2.jpg"), DecodeOptions.Upright))
        {
            Paste(biden.Image, canvas, 1150, 700);
        }

        AssertSameFaces(canvas, alignment, minFaces: 1);
    }

    private static void AssertSameFaces(Image image, FaceAlignment alignment, int minFaces) =>
        AssertSameFaces(
            image,
            ImageRows.TryOpen(ImageEncoder.EncodeToBytes(image, ImageFormat.Png)) ?? throw new InvalidOperationException("The encoded PNG is not offered by rows."),
            alignment,
            minFaces);

    private static void AssertSameFaces(Image image, ImageRows rows, FaceAlignment alignment, int minFaces)
    {
        var analyzer = new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { Alignment = alignment });
        IReadOnlyList<AnalyzedFace> expected = analyzer.Analyze(image);

        IReadOnlyList<AnalyzedFace> actual = analyzer.Analyze(rows);

        Assert.InRange(expected.Count, minFaces, int.MaxValue);
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, actual[i].Score);
            Assert.Equal(expected[i].Box, actual[i].Box);
            Assert.Equal(expected[i].Landmarks, actual[i].Landmarks);
            Assert.Equal(expected[i].Descriptor.Select(BitConverter.SingleToInt32Bits), actual[i].Descriptor.Select(BitConverter.SingleToInt32Bits));
        }
    }

    private static void Paste(Image source, Image target, int left, int top)
    {
        int bpp = target.BytesPerPixel;
        using Image rgb = source.Format == target.Format ? source.Clone() : source.ConvertTo(target.Format);
        int from = Math.Max(0, -left), to = Math.Min(rgb.Width, target.Width - left);
        for (int y = Math.Max(0, -top); y < rgb.Height && y + top < target.Height; y++)
        {
            rgb.GetRow(y)[(from * bpp)..(to * bpp)].CopyTo(target.GetRow(y + top)[((left + from) * bpp)..]);
        }
    }
}
