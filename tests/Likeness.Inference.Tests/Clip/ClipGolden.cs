using System.Runtime.InteropServices;
using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Clip;

/// <summary>Reads the clip-tiny goldens (openai/CLIP outputs for the tiny F16 model) from tests/data/clip-tiny.</summary>
internal static class ClipGolden
{
    public static readonly string[] ImageNames = ["obama", "biden2", "rand53x37"];

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.TestData("clip-tiny", "golden.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static string ModelDirectory => RepoPaths.TestData("clip-tiny");

    public static float[] PixelValues(string name) =>
        MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(RepoPaths.TestData("clip-tiny", "pixel_values", name + ".f32le.bin"))).ToArray();

    public static JsonElement Image(string name) =>
        Root.GetProperty("images").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);

    public static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetSingle())];

    public static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            float diff = MathF.Abs(expected[i] - actual[i]);
            Assert.True(diff <= tolerance, $"{what}[{i}]: {actual[i]} vs {expected[i]} (|diff| {diff} > {tolerance})");
        }
    }

    public static float MaxAbsDiff(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        float max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(expected[i] - actual[i]));
        }

        return max;
    }
}
