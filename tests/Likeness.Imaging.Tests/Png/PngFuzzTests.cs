using System.Buffers.Binary;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Png;

/// <summary>
/// A quick deterministic mutation fuzz over corpus files: truncations, bit flips, random bytes, huge or zero
/// chunk lengths and sizes. Mutated chunks get their CRC fixed up half of the time, so that the mutation
/// reaches the decoder behind the CRC check. Every outcome must be a decode or an <see cref="InvalidImageException"/>.
/// </summary>
public sealed class PngFuzzTests
{
    private const int MutationsPerFile = 400;

    public static TheoryData<string> Seeds => new(
        "gray-1bit-adam7.png", "gray-16bit-trns.png", "palette-2bit-trns-adam7.png", "palette-8bit.png",
        "grayalpha-16bit-3x5-adam7.png", "rgb-8bit-tiny-idats.png", "rgba-8bit-ancillary.png", "rgb-16bit-adam7.png");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_files_decode_or_fail_with_InvalidImageException(string name)
    {
        byte[] original = PngTestFiles.Read(name);
        var random = new Random(name.Length * 7919);
        var limits = new DecodeOptions { Limits = ImageLimits.Default with { MaxPixels = 1 << 22 } };
        int decoded = 0, refused = 0;
        for (int i = 0; i < MutationsPerFile; i++)
        {
            byte[] mutant = Mutate(original, random);
            try
            {
                ImageDecoder.Identify(mutant, limits);
                using DecodedImage image = ImageDecoder.Decode(mutant, limits);
                decoded++;
            }
            catch (InvalidImageException)
            {
                refused++;
            }
        }

        Assert.Equal(MutationsPerFile, decoded + refused);
        Assert.True(decoded > 0 && refused > 0, $"{decoded} decoded, {refused} refused: the mutations are too mild or too harsh");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        byte[] png = (byte[])original.Clone();
        var chunks = PngTestFiles.Chunks(png);
        var (_, offset, body) = chunks[random.Next(chunks.Count)];
        switch (random.Next(6))
        {
            case 0:
                return png[..random.Next(png.Length)];
            case 1:
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                {
                    png[random.Next(png.Length)] ^= (byte)(1 << random.Next(8));
                }

                return png;
            case 2:
                BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(offset), random.Next(3) switch
                {
                    0 => uint.MaxValue - (uint)random.Next(100),
                    1 => (uint)int.MaxValue - (uint)random.Next(100),
                    _ => 0,
                });
                return png;
            case 3 when chunks[0].Offset == offset:
                // IHDR: zero, huge or odd sizes, bit depths and colour types, then a valid CRC.
                int field = random.Next(5);
                if (field < 2)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(offset + 8 + (4 * field)), random.Next(3) switch { 0 => 0, 1 => (uint)random.Next(1, 9), _ => (uint)random.Next() });
                }
                else
                {
                    png[offset + 8 + 8 + field - 2] = (byte)random.Next(20);
                }

                FixCrc(png, offset, body.Length);
                return png;
            default:
                for (int bytes = random.Next(1, 5); bytes > 0 && body.Length > 0; bytes--)
                {
                    png[offset + 8 + random.Next(body.Length)] = (byte)random.Next(256);
                }

                if (random.Next(2) == 0)
                {
                    FixCrc(png, offset, body.Length);
                }

                return png;
        }
    }

    private static void FixCrc(byte[] png, int offset, int length) =>
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(offset + 8 + length), PngFiles.BitwiseCrc(png.AsSpan(offset + 4, length + 4)));
}
