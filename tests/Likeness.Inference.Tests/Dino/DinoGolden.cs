using System.Runtime.InteropServices;
using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Dino;

/// <summary>Reads the dinov2-tiny goldens (facebookresearch/dinov2 outputs for two tiny F32 models) from tests/data/dinov2-tiny.</summary>
internal static class DinoGolden
{
    public const string Plain = "dinov2-tiny";
    public const string Registers = "dinov2-tiny-reg4";

    public static readonly string[] ImageNames = ["obama", "biden2", "rand53x37"];

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.TestData("dinov2-tiny", "golden.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static string ModelDirectory(string model) => RepoPaths.TestData("dinov2-tiny", model);

    public static float[] PixelFile(string relative) =>
        MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(RepoPaths.TestData(["dinov2-tiny", .. relative.Split('/')]))).ToArray();

    public static float[] PixelValues(string image) => PixelFile($"pixel_values/{image}_224.f32le.bin");

    public static JsonElement Model(string model) => Root.GetProperty("models").GetProperty(model);

    public static JsonElement Output(string model, string image) =>
        Model(model).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("image").GetString() == image);

    public static JsonElement Extra(string model, string input) =>
        Model(model).GetProperty("extras").EnumerateArray().Single(e => e.GetProperty("input").GetString()!.Contains(input, StringComparison.Ordinal));

    public static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetSingle())];
}
