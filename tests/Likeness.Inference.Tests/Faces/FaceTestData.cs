using System.Text.Json;
using Likeness.Imaging;
using Likeness.Inference.Faces;
using Likeness.Inference.Tensors;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Faces;

/// <summary>Goldens of the tfjs peer (tests/data/faceapi, copied from shared/golden/faceapi) and helpers to read them.</summary>
internal static class FaceTestData
{
    public static string Path(params string[] parts) => RepoPaths.TestData(["faceapi", .. parts]);

    public static Image LoadPpm(params string[] parts)
    {
        using DecodedImage decoded = ImageDecoder.DecodeFile(Path(parts));
        return decoded.Image.Clone();
    }

    public static JsonDocument LoadJson(params string[] parts) => JsonDocument.Parse(File.ReadAllBytes(Path(parts)));

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => e.GetSingle()).ToArray();

    /// <summary>The whole image as the net input (the fixtures are already at the net's size).</summary>
    public static Tensor NetInput(Image image, int size, bool center, float[] mean) =>
        FaceNetInput.Create(image, new PixelRect(0, 0, image.Width, image.Height), size, center, mean);
}
