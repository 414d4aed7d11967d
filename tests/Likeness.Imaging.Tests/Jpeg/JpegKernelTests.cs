using System.Runtime.Intrinsics.X86;
using Likeness.Imaging.Codecs.Jpeg.Decoding;

namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>
/// The vectorised upsampling and colour kernels (used wherever the CPU has AVX2) equal their scalar references
/// exactly, on random rows of every width from 3 to 80 (interiors, tails and edges).
/// </summary>
public sealed class JpegKernelTests
{
    private static byte[] RandomRow(Random random, int length)
    {
        var row = new byte[length];
        random.NextBytes(row);
        return row;
    }

    [Fact]
    public void Fancy_upsamplers_match_scalar()
    {
        var random = new Random(7);
        for (int width = 3; width <= 80; width++)
        {
            byte[] near = RandomRow(random, width);
            byte[] far = RandomRow(random, width);
            var expected = new byte[2 * width];
            var actual = new byte[2 * width];

            Upsampler.H2V1Scalar(near, width, expected, 0, width);
            Upsampler.H2V1(near, width, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"h2v1 width {width}");

            Upsampler.H2V2Scalar(near, far, width, expected, 0, width);
            Upsampler.H2V2(near, far, width, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"h2v2 width {width}");

            foreach (int bias in new[] { 1, 2 })
            {
                Upsampler.H1V2Scalar(near, far, bias, expected, 0, width);
                Upsampler.H1V2(near, far, width, bias, actual);
                Assert.True(expected.AsSpan(0, width).SequenceEqual(actual.AsSpan(0, width)), $"h1v2 width {width}");
            }
        }
    }

    [Fact]
    public void YCC_to_RGB_matches_scalar()
    {
        var random = new Random(11);
        for (int width = 1; width <= 80; width++)
        {
            byte[] y = RandomRow(random, width);
            byte[] cb = RandomRow(random, width);
            byte[] cr = RandomRow(random, width);
            var expected = new byte[3 * width];
            var actual = new byte[3 * width];
            ColorConverter.YccToRgbScalar(y, cb, cr, expected);
            ColorConverter.YccToRgb(y, cb, cr, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"width {width}");

            // Each vector path on its own (the dispatcher above picks only the widest).
            if (Avx512F.IsSupported)
            {
                int done = ColorConverter.YccToRgbAvx512(y, cb, cr, actual);
                Assert.True(expected.AsSpan(0, 3 * done).SequenceEqual(actual.AsSpan(0, 3 * done)), $"AVX-512 width {width}");
            }

            if (Avx2.IsSupported)
            {
                int done = ColorConverter.YccToRgbAvx2(y, cb, cr, actual);
                Assert.True(expected.AsSpan(0, 3 * done).SequenceEqual(actual.AsSpan(0, 3 * done)), $"AVX2 width {width}");
            }
        }
    }

    /// <summary>The scalar reference itself against jdcolor.c's formulas written out in floating point.</summary>
    [Fact]
    public void YCC_to_RGB_scalar_follows_JFIF_formulas()
    {
        var rgb = new byte[3];
        for (int v = 0; v < 256 * 256 * 256; v += 997)
        {
            byte y = (byte)v;
            byte cb = (byte)(v >> 8);
            byte cr = (byte)(v >> 16);
            ColorConverter.YccToRgbScalar([y], [cb], [cr], rgb);

            // Fixed point rounds each term separately, so allow 1 level against exact arithmetic.
            Assert.InRange(rgb[0], Math.Clamp((int)Math.Round(y + (1.402 * (cr - 128))) - 1, 0, 255), Math.Clamp((int)Math.Round(y + (1.402 * (cr - 128))) + 1, 0, 255));
            Assert.InRange(rgb[2], Math.Clamp((int)Math.Round(y + (1.772 * (cb - 128))) - 1, 0, 255), Math.Clamp((int)Math.Round(y + (1.772 * (cb - 128))) + 1, 0, 255));
        }
    }
}
