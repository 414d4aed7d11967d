using System.Text;
using Likeness.Imaging;
using Likeness.Inference.Faces;

namespace Likeness.Inference.Tests.Faces;

/// <summary>Inputs the engine must take in its stride: no face, tiny, huge headers, grayscale, RGBA, faces cut by the border.</summary>
public class BadInputTests
{
    private static readonly FaceAnalyzer Analyzer = new(FaceModels.Default);

    [Fact]
    public void Uniform_image_has_no_face()
    {
        using Image image = Image.Create(320, 240, PixelFormat.Rgb24);
        image.Pixels.Fill(128);
        Assert.Empty(Analyzer.Analyze(image));
    }

    [Fact]
    public void One_pixel_image_has_no_face()
    {
        using Image image = Image.FromPixels(1, 1, PixelFormat.Rgb24, [200, 150, 100]);
        Assert.Empty(Analyzer.Analyze(image));
    }

    [Fact]
    public void Huge_header_is_refused_by_the_limits_before_allocation()
    {
        byte[] header = Encoding.ASCII.GetBytes("P6\n20000 20000\n255\n");
        var ex = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(header));
        Assert.Equal(InvalidImageReason.LimitExceeded, ex.Reason);
    }

    [Fact]
    public void Grayscale_PGM_finds_the_same_face_as_its_peer_within_a_pixel()
    {
        using Image color = FaceTestData.LoadPpm("inputs", "sample2_640.ppm");
        // Encode as P5 (8-bit gray, BT.601 luma) and decode: grayscale arrives as RGB with equal channels.
        var pgm = new MemoryStream();
        pgm.Write(Encoding.ASCII.GetBytes($"P5\n{color.Width} {color.Height}\n255\n"));
        for (int y = 0; y < color.Height; y++)
        {
            ReadOnlySpan<byte> row = color.GetRow(y);
            for (int x = 0; x < color.Width; x++)
            {
                pgm.WriteByte((byte)Math.Round((0.299 * row[3 * x]) + (0.587 * row[(3 * x) + 1]) + (0.114 * row[(3 * x) + 2])));
            }
        }

        using DecodedImage gray = ImageDecoder.Decode(pgm.ToArray());
        IReadOnlyList<AnalyzedFace> colorFaces = Analyzer.Analyze(color);
        IReadOnlyList<AnalyzedFace> grayFaces = Analyzer.Analyze(gray.Image);
        // Two faces (the peer's one at 416, a second found by a further pass) in both, the peer's first.
        Assert.Equal(2, colorFaces.Count);
        Assert.Equal(2, grayFaces.Count);
        // The same face, found within 5 px; the same person by descriptor.
        Assert.Equal(colorFaces[0].Box.X, grayFaces[0].Box.X, 5.0);
        Assert.Equal(colorFaces[0].Box.Y, grayFaces[0].Box.Y, 5.0);
        Assert.True(FaceAnalyzer.Distance(colorFaces[0].Descriptor, grayFaces[0].Descriptor) < FaceAnalyzer.SamePersonThreshold);
    }

    [Fact]
    public void RGBA_gives_exactly_the_RGB_result()
    {
        using Image rgb = FaceTestData.LoadPpm("inputs", "sample1_640.ppm");
        using Image rgba = rgb.ConvertTo(PixelFormat.Rgba32);
        IReadOnlyList<AnalyzedFace> expected = Analyzer.Analyze(rgb);
        IReadOnlyList<AnalyzedFace> actual = Analyzer.Analyze(rgba);
        Assert.Equal(4, expected.Count); // 3 at 416, a fourth from a further pass
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Box, actual[i].Box);
            Assert.Equal(expected[i].Landmarks, actual[i].Landmarks);
            Assert.Equal(expected[i].Descriptor, actual[i].Descriptor);
        }
    }

    [Theory]
    [InlineData(FaceAlignment.FaceApi)]
    [InlineData(FaceAlignment.Affine)]
    public void Face_cut_by_the_border_is_analysed_in_both_modes(FaceAlignment alignment)
    {
        using Image image = FaceTestData.LoadPpm("pd-inputs", "obama_partial_face_640.ppm");
        var analyzer = new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { Alignment = alignment });
        AnalyzedFace face = Assert.Single(analyzer.Analyze(image));
        Assert.True(face.Box.X < 0, "the detection box extends past the left border");
        Assert.Equal(68, face.Landmarks.Count);
        Assert.All(face.Descriptor, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Detection_outside_the_image_gets_no_landmarks()
    {
        using Image image = Image.Create(64, 64, PixelFormat.Rgb24);
        Assert.Null(Analyzer.DetectLandmarks(image, new FaceDetection(0.9, new FaceBox(-50, -50, 40, 40))));
    }

    [Theory]
    [InlineData(320)]
    [InlineData(512)]
    [InlineData(608)]
    public void Other_detector_input_sizes_find_the_same_face(int inputSize)
    {
        using Image image = FaceTestData.LoadPpm("inputs", "sample2_640.ppm");
        FaceDetection reference = Analyzer.Detect(image)[0];
        var analyzer = new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { InputSize = inputSize });
        // Another grid may add or drop weak detections, but the face found at 416 is found again, its box moved by
        // less than 15 % of the face width.
        double tolerance = 0.15 * reference.Box.Width;
        Assert.Contains(analyzer.Detect(image), d =>
            Math.Abs(d.Box.X - reference.Box.X) < tolerance && Math.Abs(d.Box.Y - reference.Box.Y) < tolerance
            && Math.Abs(d.Box.Width - reference.Box.Width) < tolerance);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { InputSize = 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceAnalyzer(FaceModels.Default, new FaceAnalyzerOptions { ScoreThreshold = 1 }));
    }
}
