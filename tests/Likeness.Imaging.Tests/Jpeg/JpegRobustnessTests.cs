using Likeness.Imaging.Codecs.Jpeg.Decoding;

namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>Hostile input: damaged files either decode or throw <see cref="InvalidImageException"/>, nothing else.</summary>
public sealed class JpegRobustnessTests
{
    private static readonly ImageLimits Limits = ImageLimits.Default with { MaxPixels = 4_000_000, MaxMemoryBytes = 64L << 20 };

    private static void DecodeOrRefuse(byte[] data, string what)
    {
        try
        {
            JpegDecoder.Identify(data, Limits);
        }
        catch (InvalidImageException)
        {
        }

        try
        {
            using DecodedImage decoded = JpegDecoder.Decode(data, Limits, 1);
            Assert.True(decoded.Image.Width > 0, what);
        }
        catch (InvalidImageException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}");
        }
    }

    [Theory]
    [InlineData("noise-7x13-420.jpg")]
    [InlineData("noise-7x13-progressive-444.jpg")]
    [InlineData("photo-restart-3mcu.jpg")]
    public void Every_prefix_decodes_or_is_refused(string name)
    {
        byte[] data = JpegCorpus.Read(name);
        int step = Math.Max(1, data.Length / 400);
        for (int length = 2; length < data.Length; length += step)
        {
            DecodeOrRefuse(data[..length], $"{name}[..{length}]");
        }
    }

    [Theory]
    [InlineData("photo-420.jpg")]
    [InlineData("photo-progressive-sa.jpg")]
    [InlineData("photo-restart-3mcu.jpg")]
    [InlineData("photo-mixed.jpg")]
    [InlineData("photo-ycck.jpg")]
    public void Bit_flips_and_header_garbage_only_ever_refuse(string name)
    {
        byte[] original = JpegCorpus.Read(name);
        var random = new Random(name.Length * 31);
        for (int trial = 0; trial < 150; trial++)
        {
            byte[] data = (byte[])original.Clone();
            int headerEnd = Math.Min(data.Length, 700);
            for (int k = random.Next(1, 6); k > 0; k--)
            {
                if (trial % 2 == 0)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }
                else
                {
                    data[random.Next(2, headerEnd)] = (byte)random.Next(256);
                }
            }

            DecodeOrRefuse(data, $"{name} trial {trial}");
        }
    }
}
