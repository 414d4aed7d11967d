using System.Drawing;
using System.Runtime.InteropServices;
using Likeness.Imaging.Resampling;
using Likeness.Imaging.Tensors;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Tensors;

public class ImageTensorTests
{
    /// <summary>
    /// openai/CLIP's whole preprocessing (PIL bicubic resize of the shorter side to 224, center crop with
    /// round-half-even offsets, ToTensor, Normalize) against its torchvision output: every float bit-identical.
    /// </summary>
    [Theory]
    [InlineData("clip/obama_decoded_910x1137.ppm", "obama")]
    [InlineData("clip/biden2_decoded_1200x1200.ppm", "biden2")]
    [InlineData("rand53x37.ppm", "rand53x37")]
    public void Reproduces_CLIP_pixel_values_exactly(string input, string name)
    {
        using Image source = ImageDecoder.DecodeFile(RepoPaths.TestData("resize", input)).Image;
        int shorter = Math.Min(source.Width, source.Height);
        int longer = Math.Max(source.Width, source.Height);
        int longSide = (int)(224.0 * longer / shorter);
        (int w, int h) = source.Width <= source.Height ? (224, longSide) : (longSide, 224);
        using Image resized = Resampler.Resize(source, w, h, ResampleFilter.Bicubic);
        var crop = new Rectangle(
            (int)Math.Round((w - 224) / 2.0, MidpointRounding.ToEven),
            (int)Math.Round((h - 224) / 2.0, MidpointRounding.ToEven),
            224,
            224);
        float[] actual = new float[3 * 224 * 224];
        ImageTensor.ToChw(resized, actual, TensorNormalization.Clip, crop);

        byte[] golden = File.ReadAllBytes(RepoPaths.TestData("resize", "clip", "pixel_values", name + ".f32le.bin"));
        ReadOnlySpan<float> expected = MemoryMarshal.Cast<byte, float>(golden);
        Assert.Equal(expected.Length, actual.Length);
        int differing = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            differing += BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]) ? 0 : 1;
        }

        Assert.Equal(0, differing);
    }

    [Fact]
    public void Hand_values_in_both_layouts()
    {
        // 2x2 RGB: pixel (x, y) = (10x + y, 100 + x, 200 + y).
        byte[] pixels = [0, 100, 200, 10, 101, 200, 1, 100, 201, 11, 101, 201];
        using Image image = Image.FromPixels(2, 2, PixelFormat.Rgb24, pixels);

        float[] chw = new float[12];
        ImageTensor.ToChw(image, chw, TensorNormalization.Identity);
        Assert.Equal([0f, 10, 1, 11, 100, 101, 100, 101, 200, 200, 201, 201], chw);

        float[] hwc = new float[12];
        ImageTensor.ToHwc(image, hwc, TensorNormalization.Identity);
        Assert.Equal(pixels.Select(b => (float)b).ToArray(), hwc);

        float[] unit = new float[12];
        ImageTensor.ToHwc(image, unit, TensorNormalization.UnitRange);
        Assert.Equal(100f / 255f, unit[1]);

        // face-api: (x - mean) / 255; 200 - 97.404 = 102.596 -> 0.40233725 (tolerance 1e-7).
        float[] face = new float[12];
        ImageTensor.ToHwc(image, face, TensorNormalization.FaceApi(117.001f, 114.697f, 97.404f));
        Assert.Equal(0.40233725f, face[2], 1e-7f);
        Assert.Equal(-117.001f / 255f, face[0], 1e-7f);

        // CLIP: (255 / 255 - 0.48145466) / 0.26862954 = 1.9303361 (tolerance 1e-6).
        using Image white = Image.FromPixels(1, 1, PixelFormat.Rgb24, [255, 255, 255]);
        float[] clip = new float[3];
        ImageTensor.ToChw(white, clip, TensorNormalization.Clip);
        Assert.Equal(1.9303361f, clip[0], 1e-6f);
    }

    [Fact]
    public void Crop_and_alpha()
    {
        // 3x2 RGBA, pixel (x, y) = (x, y, 7, 255 - x); crop the 2x1 at (1, 1).
        byte[] pixels = new byte[3 * 2 * 4];
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                new[] { (byte)x, (byte)y, (byte)7, (byte)(255 - x) }.CopyTo(pixels, ((y * 3) + x) * 4);
            }
        }

        using Image image = Image.FromPixels(3, 2, PixelFormat.Rgba32, pixels);
        float[] hwc = new float[6];
        ImageTensor.ToHwc(image, hwc, TensorNormalization.Identity, new Rectangle(1, 1, 2, 1));
        Assert.Equal([1f, 1, 7, 2, 1, 7], hwc);
        float[] chw = new float[6];
        ImageTensor.ToChw(image, chw, TensorNormalization.Identity, new Rectangle(1, 1, 2, 1));
        Assert.Equal([1f, 2, 1, 1, 7, 7], chw);

        Assert.Throws<ArgumentOutOfRangeException>(() => ImageTensor.ToChw(image, chw, TensorNormalization.Identity, new Rectangle(2, 1, 2, 1)));
        Assert.Throws<ArgumentException>(() => ImageTensor.ToChw(image, new float[5], TensorNormalization.Identity, new Rectangle(1, 1, 2, 1)));
    }

    [Fact]
    public void Vector_paths_equal_scalar_bit_for_bit()
    {
        var random = new Random(5);
        var normalization = TensorNormalization.Clip;
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>().Where(l => l != SimdLevel.Scalar && SimdLevels.IsSupportedX86(l)))
        {
            for (int pixels = 1; pixels <= 70; pixels++)
            {
                byte[] bytes = new byte[pixels * 3];
                random.NextBytes(bytes);
                float[] expected = new float[bytes.Length];
                float[] actual = new float[bytes.Length];
                NormalizeKernels.Interleaved(bytes, expected, 255f, normalization.MeanValues, normalization.StdValues, SimdLevel.Scalar);
                NormalizeKernels.Interleaved(bytes, actual, 255f, normalization.MeanValues, normalization.StdValues, level);
                Assert.Equal(expected, actual);

                NormalizeKernels.Plane(bytes, expected, 1f, 114.697f, 255f, SimdLevel.Scalar);
                NormalizeKernels.Plane(bytes, actual, 1f, 114.697f, 255f, level);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void Scalar_kernel_is_the_documented_formula()
    {
        var normalization = TensorNormalization.FaceApi(122.782f, 117.001f, 104.298f);
        byte[] bytes = [.. Enumerable.Range(0, 256).SelectMany(v => new[] { (byte)v, (byte)(255 - v), (byte)(v / 2) })];
        float[] actual = new float[bytes.Length];
        NormalizeKernels.Interleaved(bytes, actual, normalization.Divisor, normalization.MeanValues, normalization.StdValues, SimdLevel.Scalar);
        for (int i = 0; i < bytes.Length; i++)
        {
            Assert.Equal(normalization.Apply(bytes[i], i % 3), actual[i]);
        }
    }
}
