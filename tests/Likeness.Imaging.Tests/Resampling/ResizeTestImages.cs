using Likeness.Testing;

namespace Likeness.Imaging.Tests.Resampling;

/// <summary>Loads the committed resize inputs and goldens (PPM through the decoder, or raw RGBA).</summary>
internal static class ResizeTestImages
{
    public static Image Load(string relativePath)
    {
        string path = RepoPaths.TestData("resize", relativePath);
        if (!path.EndsWith(".rgba", StringComparison.Ordinal))
        {
            return ImageDecoder.DecodeFile(path).Image;
        }

        // Raw RGBA named <stem>_<W>x<H>.rgba.
        string size = Path.GetFileNameWithoutExtension(path).Split('_')[^1];
        string[] wh = size.Split('x');
        return Image.FromPixels(int.Parse(wh[0]), int.Parse(wh[1]), PixelFormat.Rgba32, File.ReadAllBytes(path));
    }

    /// <summary>Asserts equal size, format and bytes; on failure reports how many bytes differ and the first one.</summary>
    public static void AssertIdentical(Image expected, Image actual, string what)
    {
        Assert.Equal((expected.Width, expected.Height, expected.Format), (actual.Width, actual.Height, actual.Format));
        ReadOnlySpan<byte> e = expected.Pixels;
        ReadOnlySpan<byte> a = actual.Pixels;
        int differing = 0;
        int first = -1;
        for (int i = 0; i < e.Length; i++)
        {
            if (e[i] != a[i])
            {
                differing++;
                first = first < 0 ? i : first;
            }
        }

        Assert.True(
            differing == 0,
            $"{what}: {differing} of {e.Length} bytes differ; first at byte {first} (expected {(first < 0 ? 0 : e[first])}, got {(first < 0 ? 0 : a[first])}).");
    }
}
