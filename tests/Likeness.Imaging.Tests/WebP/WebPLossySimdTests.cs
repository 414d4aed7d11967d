using Likeness.Imaging.Codecs.WebP;
using Likeness.Imaging.Codecs.WebP.Lossy;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.WebP;

/// <summary>
/// The lossy decoder's vector paths (loop filter, upsampling and YUV to RGB) against the scalar reference on every
/// lossy file of the corpus: Y, U and V planes and the RGB and RGBA output must be identical. (The corpus test checks
/// the production path against dwebp.)
/// </summary>
public sealed class WebPLossySimdTests
{
    [SimdFact(SimdRequirement.Ssse3)]
    public void Vector_paths_equal_the_scalar_reference()
    {
        string[] files = [.. Directory.GetFiles(RepoPaths.TestData("webp"), "lossy-*.webp").Order(StringComparer.Ordinal)];
        Assert.True(files.Length >= 25);
        foreach (string file in files)
        {
            byte[] data = File.ReadAllBytes(file);
            WebPHeader header = WebPContainer.Parse(data);
            byte[] bitstream = data.AsSpan(header.BitstreamOffset, header.BitstreamLength).ToArray();
            using Vp8Planes scalar = Vp8Decoder.Decode(bitstream, 0, bitstream.Length, header.Width, header.Height, SimdLevel.Scalar);
            using Vp8Planes vector = Vp8Decoder.Decode(bitstream, 0, bitstream.Length, header.Width, header.Height, SimdLevel.Vector128);
            string name = Path.GetFileName(file);
            Assert.True(scalar.Y.AsSpan(0, scalar.YStride * header.Height).SequenceEqual(vector.Y.AsSpan(0, vector.YStride * header.Height)), $"{name}: Y");
            int uvBytes = scalar.UvStride * ((header.Height + 1) / 2);
            Assert.True(scalar.U.AsSpan(0, uvBytes).SequenceEqual(vector.U.AsSpan(0, uvBytes)), $"{name}: U");
            Assert.True(scalar.V.AsSpan(0, uvBytes).SequenceEqual(vector.V.AsSpan(0, uvBytes)), $"{name}: V");
            foreach (int step in new[] { 3, 4 })
            {
                byte[] expected = new byte[header.Width * header.Height * step];
                byte[] actual = new byte[expected.Length];
                Vp8YuvToRgb.Convert(scalar, expected, step, SimdLevel.Scalar);
                Vp8YuvToRgb.Convert(scalar, actual, step, SimdLevel.Vector128);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name}: {step} bytes per pixel");
            }
        }
    }
}
