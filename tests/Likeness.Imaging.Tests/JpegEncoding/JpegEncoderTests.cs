using System.IO.Compression;
using Likeness.Imaging.Color;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.JpegEncoding;

/// <summary>
/// The committed <c>.jpg</c> fixtures are libjpeg-turbo's <c>cjpeg -baseline -dct int</c> output; our encoder must
/// write the same bytes (tolerance: none). Their committed <c>djpeg</c> decodes prove libjpeg-turbo reads them.
/// </summary>
public class JpegEncoderTests
{
    [Theory]
    [InlineData("portrait", 90, JpegSubsampling.Yuv420)]
    [InlineData("portrait", 90, JpegSubsampling.Yuv444)]
    [InlineData("portrait", 50, JpegSubsampling.Yuv420)]
    [InlineData("portrait", 50, JpegSubsampling.Yuv444)]
    [InlineData("odd17x9", 90, JpegSubsampling.Yuv420)]
    [InlineData("odd17x9", 90, JpegSubsampling.Yuv444)]
    [InlineData("odd17x9", 50, JpegSubsampling.Yuv420)]
    [InlineData("pixel1x1", 90, JpegSubsampling.Yuv420)]
    [InlineData("pixel1x1", 50, JpegSubsampling.Yuv444)]
    public void Writes_exactly_what_libjpeg_turbo_writes(string input, int quality, JpegSubsampling subsampling)
    {
        using Image source = Load(input + ".ppm");
        byte[] ours = Encode(source, quality, subsampling);
        byte[] cjpeg = File.ReadAllBytes(RepoPaths.TestData("jpeg-encoding", $"{input}_q{quality}_{Suffix(subsampling)}.jpg"));
        Assert.Equal(cjpeg.Length, ours.Length);
        Assert.True(cjpeg.AsSpan().SequenceEqual(ours), $"{input} q{quality}: bytes differ from cjpeg's.");
    }

    /// <summary>
    /// djpeg's decode of our (= cjpeg's) quality-90 portrait against the source, RGB PSNR: 39.32 dB at 4:4:4
    /// (bound 38); 37.73 dB at 4:2:0 (bound 37.5), where halving the chroma costs more than quantization on this
    /// detailed crop (teeth, hair, tie), for libjpeg-turbo exactly as for us since the bytes are the same.
    /// </summary>
    [Theory]
    [InlineData(JpegSubsampling.Yuv420, 37.5)]
    [InlineData(JpegSubsampling.Yuv444, 38.0)]
    public void Libjpeg_turbo_decodes_our_quality_90_faithfully(JpegSubsampling subsampling, double minimumPsnr)
    {
        using Image source = Load("portrait.ppm");
        string name = $"portrait_q90_{Suffix(subsampling)}";
        Assert.True(
            File.ReadAllBytes(RepoPaths.TestData("jpeg-encoding", name + ".jpg")).AsSpan().SequenceEqual(Encode(source, 90, subsampling)),
            "The committed decode must be of our bytes.");
        using Image decoded = LoadGzip(name + ".djpeg.ppm.gz");
        double psnr = Psnr(source, decoded);
        Assert.True(psnr >= minimumPsnr, $"PSNR {psnr:F2} dB < {minimumPsnr} dB");
    }

    [Theory]
    [InlineData("odd17x9", 17, 9)]
    [InlineData("pixel1x1", 1, 1)]
    public void Tiny_and_odd_sizes_decode_to_their_size(string input, int width, int height)
    {
        using Image decoded = LoadGzip($"{input}_q90_420.djpeg.ppm.gz");
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        using Image source = Load(input + ".ppm");

        // Noise and hard edges at this size keep the PSNR lower than on a photo (odd17x9: 34.08 dB; one pixel:
        // 52.90 dB); 30 dB still means a faithful decode.
        Assert.True(Psnr(source, decoded) >= 30.0);
    }

    [Fact]
    public void Higher_quality_is_never_smaller()
    {
        using Image source = Load("portrait.ppm");
        int previous = 0;
        for (int quality = 5; quality <= 100; quality += 5)
        {
            int size = Encode(source, quality, JpegSubsampling.Yuv420).Length;
            Assert.True(size > previous, $"quality {quality}: {size} bytes, not more than {previous}");
            previous = size;
        }
    }

    [Theory]
    [InlineData(JpegSubsampling.Yuv420, 0x22)]
    [InlineData(JpegSubsampling.Yuv444, 0x11)]
    public void Frame_header_declares_the_sampling(JpegSubsampling subsampling, byte lumaFactors)
    {
        using Image source = Load("odd17x9.ppm");
        byte[] jpeg = Encode(source, 90, subsampling);
        int sof = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        Assert.True(sof > 0, "no SOF0 (baseline) marker");
        ReadOnlySpan<byte> frame = jpeg.AsSpan(sof + 4);
        Assert.Equal(8, frame[0]);
        Assert.Equal((9, 17, 3), ((frame[1] << 8) | frame[2], (frame[3] << 8) | frame[4], (int)frame[5]));
        Assert.Equal([1, lumaFactors, 0, 2, 0x11, 1, 3, 0x11, 1], frame.Slice(6, 9).ToArray());
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xE0], jpeg[..4]);
        Assert.Equal([0xFF, 0xD9], jpeg[^2..]);
    }

    [Fact]
    public void RGBA_is_composited_over_white()
    {
        byte[] rgba = new byte[17 * 9 * 4];
        new Random(3).NextBytes(rgba);
        using Image image = Image.FromPixels(17, 9, PixelFormat.Rgba32, rgba);
        using Image flat = AlphaComposite.OverBackground(image, 255, 255, 255);
        Assert.Equal(Encode(flat, 80, JpegSubsampling.Yuv420), Encode(image, 80, JpegSubsampling.Yuv420));
    }

    [Fact]
    public void Rejects_quality_out_of_range()
    {
        using Image image = Image.Create(8, 8, PixelFormat.Rgb24);
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(image, 0, JpegSubsampling.Yuv420));
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode(image, 101, JpegSubsampling.Yuv420));
    }

    private static byte[] Encode(Image image, int quality, JpegSubsampling subsampling) =>
        ImageEncoder.EncodeToBytes(image, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = quality, JpegSubsampling = subsampling });

    private static string Suffix(JpegSubsampling subsampling) => subsampling == JpegSubsampling.Yuv420 ? "420" : "444";

    private static Image Load(string name) => ImageDecoder.DecodeFile(RepoPaths.TestData("jpeg-encoding", name)).Image;

    private static Image LoadGzip(string name)
    {
        using var gzip = new GZipStream(File.OpenRead(RepoPaths.TestData("jpeg-encoding", name)), CompressionMode.Decompress);
        using var ppm = new MemoryStream();
        gzip.CopyTo(ppm);
        return ImageDecoder.Decode(ppm.ToArray()).Image;
    }

    private static double Psnr(Image a, Image b)
    {
        Assert.Equal((a.Width, a.Height, a.Format), (b.Width, b.Height, b.Format));
        double sum = 0;
        ReadOnlySpan<byte> x = a.Pixels;
        ReadOnlySpan<byte> y = b.Pixels;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - y[i];
            sum += d * d;
        }

        double mse = sum / x.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
