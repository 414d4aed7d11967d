using Likeness.Imaging.Resampling;

namespace Likeness.Imaging.Tests.Resampling;

/// <summary>Every vector path against the scalar reference on random shapes (tolerance: zero differing bytes).</summary>
public class VectorPathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Vector_paths_equal_scalar_on_random_shapes(int seed)
    {
        var random = new Random(seed);
        for (int n = 0; n < 20; n++)
        {
            PixelFormat format = random.Next(2) == 0 ? PixelFormat.Rgb24 : PixelFormat.Rgba32;
            int width = random.Next(1, 200);
            int height = random.Next(1, 120);
            byte[] pixels = new byte[width * height * (int)format];
            random.NextBytes(pixels);
            using Image source = Image.FromPixels(width, height, format, pixels);
            int outWidth = random.Next(1, 260);
            int outHeight = random.Next(1, 140);
            var filter = (ResampleFilter)random.Next(5);
            var box = ResampleBox.Whole(width, height);
            using Image reference = Resampler.Resize(source, outWidth, outHeight, filter, box, parallelism: 1, SimdLevel.Scalar);
            foreach (SimdLevel level in Enum.GetValues<SimdLevel>().Where(l => l != SimdLevel.Scalar && SimdLevels.IsSupportedX86(l)))
            {
                using Image actual = Resampler.Resize(source, outWidth, outHeight, filter, box, parallelism: 2, level);
                ResizeTestImages.AssertIdentical(reference, actual, $"{format} {width}x{height} -> {outWidth}x{outHeight} {filter} at {level}");
            }
        }
    }

    [Fact]
    public void Same_size_is_a_copy()
    {
        using Image source = ResizeTestImages.Load("rand53x37.ppm");
        using Image copy = Resampler.Resize(source, 53, 37);
        ResizeTestImages.AssertIdentical(source, copy, "copy");
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        using Image source = Image.Create(10, 8, PixelFormat.Rgb24);
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resize(source, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resize(source, 5, 5, ResampleFilter.Bicubic, new ResampleBox(0, 0, 11, 8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resize(source, 5, 5, ResampleFilter.Bicubic, new ResampleBox(4, 0, 4, 8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resize(source, 5, 5, (ResampleFilter)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resize(source, 5, 5, ResampleFilter.Bicubic, new ResampleOptions { MaxDegreeOfParallelism = 0 }));
    }
}
