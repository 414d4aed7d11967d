using Likeness.Imaging.Codecs.Jpeg.Encoding;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.JpegEncoding;

/// <summary>The encoder's vector kernels against their scalar references (tolerance: exact integers).</summary>
public class JpegKernelTests
{
    [SimdFact(SimdRequirement.Avx2)]
    public void Vector_DCT_equals_scalar_DCT()
    {
        var random = new Random(11);
        int[] scalar = new int[64];
        int[] vector = new int[64];
        for (int n = 0; n < 2000; n++)
        {
            // Random blocks, plus the extremes that stress the 32-bit intermediates.
            for (int i = 0; i < 64; i++)
            {
                scalar[i] = n switch
                {
                    0 => -128,
                    1 => 127,
                    2 => (i % 2 == 0) ^ (i / 8 % 2 == 0) ? 127 : -128,
                    _ => random.Next(-128, 128),
                };
            }

            scalar.CopyTo(vector, 0);
            ForwardDct.Transform(scalar, SimdLevel.Scalar);
            ForwardDct.Transform(vector, SimdLevel.Vector256);
            Assert.Equal(scalar, vector);
        }
    }

    [Fact]
    public void Scalar_DCT_of_a_flat_block_is_its_scaled_mean()
    {
        int[] block = [.. Enumerable.Repeat(100, 64)];
        ForwardDct.Transform(block, SimdLevel.Scalar);

        // DC = 8 (libjpeg's scale) x the 2-D DCT's DC (8 x mean) = 64 x 100; no AC.
        Assert.Equal(6400, block[0]);
        Assert.All(block[1..], v => Assert.Equal(0, v));
    }

    /// <summary>libjpeg-turbo's reciprocal quantizer equals rounding division for every DCT output and table entry.</summary>
    [Fact]
    public void Quantizer_equals_rounded_division_everywhere()
    {
        int[] input = new int[64];
        int[] scalar = new int[64];
        int[] vector = new int[64];
        for (int entry = 1; entry <= 255; entry++)
        {
            var quantizer = new Quantizer([.. Enumerable.Repeat((ushort)entry, 64)]);
            int q = entry * 8;
            for (int start = -8192; start <= 8192; start += 64)
            {
                for (int i = 0; i < 64; i++)
                {
                    input[i] = start + i;
                }

                quantizer.Quantize(input, scalar, SimdLevel.Scalar);
                quantizer.Quantize(input, vector, SimdLevels.BestX86);
                for (int i = 0; i < 64; i++)
                {
                    int x = input[i];
                    int expected = Math.Sign(x) * ((Math.Abs(x) + (q / 2)) / q);
                    Assert.True(expected == scalar[i], $"x={x} q={q}: {scalar[i]} != {expected}");
                }

                Assert.Equal(scalar, vector);
            }
        }
    }

    [Theory]
    [InlineData(JpegSubsampling.Yuv420)]
    [InlineData(JpegSubsampling.Yuv444)]
    public void Scalar_encoder_writes_the_same_bytes(JpegSubsampling subsampling)
    {
        using Image source = ImageDecoder.DecodeFile(RepoPaths.TestData("jpeg-encoding", "portrait.ppm")).Image;
        var options = new EncodeOptions { JpegQuality = 85, JpegSubsampling = subsampling };
        using var scalar = new MemoryStream();
        using var vector = new MemoryStream();
        JpegEncoder.Encode(source, scalar, options, SimdLevel.Scalar);
        JpegEncoder.Encode(source, vector, options, SimdLevels.BestX86);
        Assert.Equal(scalar.ToArray(), vector.ToArray());
    }
}
