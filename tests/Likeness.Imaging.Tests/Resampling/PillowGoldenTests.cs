using System.Globalization;
using Likeness.Imaging.Resampling;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Resampling;

/// <summary>
/// Byte-exact agreement with Pillow 9.4's <c>Image.resize</c> (tolerance: zero differing bytes), on every vector
/// path this machine has and on the scalar reference.
/// </summary>
public class PillowGoldenTests
{
    public static TheoryData<string, string, int, int, string> ClipGoldens => new()
    {
        // From openai/CLIP's fixture: the input and PIL's BICUBIC result (its size is in the file name).
        { "rand53x37.ppm", "rand53x37_to_224x224.ppm", 224, 224, "Bicubic" },
        { "rand53x37.ppm", "rand53x37_to_20x11.ppm", 20, 11, "Bicubic" },
        { "rand53x37.ppm", "rand53x37_to_100x70.ppm", 100, 70, "Bicubic" },
        { "rand53x37.ppm", "rand53x37_to_53x224.ppm", 53, 224, "Bicubic" },
        { "rand53x37.ppm", "clip/rand53x37_resized_320x224.ppm", 320, 224, "Bicubic" },
        { "clip/obama_decoded_910x1137.ppm", "clip/obama_resized_224x279.ppm", 224, 279, "Bicubic" },
        { "clip/biden2_decoded_1200x1200.ppm", "clip/biden2_resized_224x224.ppm", 224, 224, "Bicubic" },
    };

    public static TheoryData<string, string, string, int, int, string> GeneratedGoldens
    {
        get
        {
            var data = new TheoryData<string, string, string, int, int, string>();
            foreach (string line in File.ReadAllLines(RepoPaths.TestData("resize", "generated", "cases.txt")))
            {
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 0)
                {
                    data.Add(f[0], f[1], f[2], int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture), string.Join(' ', f[5..]));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ClipGoldens))]
    public void Matches_CLIP_fixture_goldens(string input, string golden, int width, int height, string filter)
    {
        using Image source = ResizeTestImages.Load(input);
        using Image expected = ResizeTestImages.Load(golden);
        AssertAllLevels(source, expected, width, height, Enum.Parse<ResampleFilter>(filter), ResampleBox.Whole(source.Width, source.Height), golden);
    }

    [Theory]
    [MemberData(nameof(GeneratedGoldens))]
    public void Matches_generated_goldens(string input, string golden, string filter, int width, int height, string box)
    {
        using Image source = ResizeTestImages.Load(input);
        using Image expected = ResizeTestImages.Load(golden);
        ResampleBox region = ResampleBox.Whole(source.Width, source.Height);
        if (box.Length > 0)
        {
            float[] v = [.. box.Split(' ').Select(s => float.Parse(s, CultureInfo.InvariantCulture))];
            region = new ResampleBox(v[0], v[1], v[2], v[3]);
        }

        AssertAllLevels(source, expected, width, height, Enum.Parse<ResampleFilter>(filter), region, golden);
    }

    [Fact]
    public void Public_API_with_threads_matches()
    {
        using Image source = ResizeTestImages.Load("clip/obama_decoded_910x1137.ppm");
        using Image expected = ResizeTestImages.Load("clip/obama_resized_224x279.ppm");
        using Image actual = Resampler.Resize(source, 224, 279, ResampleFilter.Bicubic, new ResampleOptions { MaxDegreeOfParallelism = 3 });
        ResizeTestImages.AssertIdentical(expected, actual, "3 threads");
    }

    private static void AssertAllLevels(Image source, Image expected, int width, int height, ResampleFilter filter, ResampleBox box, string what)
    {
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>().Where(SimdLevels.IsSupportedX86))
        {
            using Image actual = Resampler.Resize(source, width, height, filter, box, parallelism: 1, level);
            ResizeTestImages.AssertIdentical(expected, actual, $"{what} at {level}");
        }
    }
}
