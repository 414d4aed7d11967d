using Likeness.Imaging.Codecs.Jpeg.Decoding;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>The AVX2 IDCT must match the scalar reference (a port of libjpeg's jidctint.c) bit for bit.</summary>
public sealed class JpegIdctTests
{
    [SimdFact(SimdRequirement.Avx2)]
    public void Vector_path_matches_scalar_on_random_blocks()
    {
        var random = new Random(42);
        var coefs = new short[64];
        var quant = new int[64];
        var scalar = new byte[8 * 10];
        var vector = new byte[8 * 10];
        for (int trial = 0; trial < 20_000; trial++)
        {
            // Mix sparse blocks (typical), dense ones and extreme ones (clamping and wrap-around paths).
            int magnitude = (trial % 3) switch { 0 => 64, 1 => 1024, _ => 32767 };
            double density = (trial % 5) switch { 0 => 0.05, 1 => 0.3, _ => 1.0 };
            for (int i = 0; i < 64; i++)
            {
                coefs[i] = random.NextDouble() < density ? (short)random.Next(-magnitude, magnitude + 1) : (short)0;
                quant[i] = random.Next(1, trial % 2 == 0 ? 100 : 256);
            }

            JpegIdct.TransformScalar(coefs, quant, scalar, 10);
            JpegIdct.TransformAvx2(coefs, quant, vector, 10);
            Assert.True(scalar.AsSpan().SequenceEqual(vector), $"trial {trial}");
        }
    }

    /// <summary>
    /// The dispatcher's DC-only shortcut equals the full scalar transform, clamping included, over the range of
    /// dequantised DC values an 8-bit JPEG can carry (|DC| ≤ 2^15; beyond it the 32-bit transform overflows).
    /// </summary>
    [Fact]
    public void DC_only_shortcut_matches_scalar()
    {
        var random = new Random(5);
        var coefs = new short[64];
        var quant = new int[64];
        var scalar = new byte[64];
        var fast = new byte[64];
        for (int trial = 0; trial < 5_000; trial++)
        {
            coefs[0] = (short)random.Next(-2048, 2048);
            quant[0] = random.Next(1, 17);
            JpegIdct.TransformScalar(coefs, quant, scalar, 8);
            JpegIdct.Transform(coefs, quant, fast, 8);
            Assert.True(scalar.AsSpan().SequenceEqual(fast), $"DC {coefs[0]} × {quant[0]}");
        }
    }

    [Fact]
    public void DC_only_block_is_flat()
    {
        var coefs = new short[64];
        var quant = new int[64];
        coefs[0] = 10;
        quant[0] = 16;
        var output = new byte[64];
        JpegIdct.Transform(coefs, quant, output, 8);

        // DC 160 → 160 / 8 = 20 above mid-grey.
        Assert.All(output, v => Assert.Equal(148, v));
    }
}
