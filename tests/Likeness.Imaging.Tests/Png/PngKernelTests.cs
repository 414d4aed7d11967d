using System.Runtime.Intrinsics;
using Likeness.Imaging.Codecs.Png;
using Likeness.Testing;

namespace Likeness.Imaging.Tests.Png;

/// <summary>The vector unfilter paths equal the scalar reference byte for byte; CRC-32 equals the bitwise definition.</summary>
public sealed class PngKernelTests
{
    public static TheoryData<int> Lengths => new(0, 1, 3, 4, 15, 16, 17, 31, 47, 63, 64, 65, 127, 300, 1023, 4099);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Up_vector_paths_match_scalar(int length)
    {
        (byte[] row, byte[] previous) = RandomRows(length, seed: length);
        byte[] expected = (byte[])row.Clone();
        PngUnfilter.UpScalar(expected, previous);

        var paths = new List<(string, Func<byte[], int>)> { ("dispatch", r => { PngUnfilter.Up(r, previous); return r.Length; }) };
        if (Vector512.IsHardwareAccelerated)
        {
            paths.Add(("512", r => PngUnfilter.UpVector512(r, previous, 0)));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            paths.Add(("256", r => PngUnfilter.UpVector256(r, previous, 0)));
        }

        if (Vector128.IsHardwareAccelerated)
        {
            paths.Add(("128", r => PngUnfilter.UpVector128(r, previous, 0)));
        }

        foreach ((string name, Func<byte[], int> path) in paths)
        {
            byte[] actual = (byte[])row.Clone();
            int done = path(actual);
            PngUnfilter.UpScalar(actual, previous, done);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"Up path {name}, length {length}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sub_vector_paths_match_scalar(int length)
    {
        Assert.True(Vector128.IsHardwareAccelerated, "these tests exist to check the 128-bit Sub path");
        foreach (int bpp in new[] { 1, 2, 3, 4, 6, 8 })
        {
            (byte[] row, _) = RandomRows(length, seed: (length * 10) + bpp);
            byte[] expected = (byte[])row.Clone();
            PngUnfilter.SubScalar(expected, bpp);

            byte[] dispatched = (byte[])row.Clone();
            PngUnfilter.Sub(dispatched, bpp);
            Assert.True(expected.AsSpan().SequenceEqual(dispatched), $"Sub dispatch, bpp {bpp}, length {length}");

            if (bpp is 3 or 4)
            {
                byte[] vector = (byte[])row.Clone();
                int done = bpp == 3 ? PngUnfilter.SubVector128Rgb(vector) : PngUnfilter.SubVector128Rgba(vector);
                Assert.True(expected.AsSpan(0, done).SequenceEqual(vector.AsSpan(0, done)), $"Sub 128, bpp {bpp}, length {length}");
                Assert.True(row.AsSpan(done).SequenceEqual(vector.AsSpan(done)), $"Sub 128 touched bytes past {done}, bpp {bpp}");
                Assert.True(length < 16 || done > length - 16, $"Sub 128 stopped at {done} of {length}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Average_and_Paeth_vector_paths_match_scalar(int length)
    {
        Assert.True(Vector128.IsHardwareAccelerated, "these tests exist to check the 128-bit pixel path");
        foreach (int bpp in new[] { 1, 2, 3, 4, 6, 8 })
        {
            (byte[] row, byte[] previous) = RandomRows(length, seed: (length * 10) + bpp);
            foreach (bool paeth in new[] { false, true })
            {
                byte[] expected = (byte[])row.Clone();
                byte[] dispatched = (byte[])row.Clone();
                if (paeth)
                {
                    PngUnfilter.PaethScalar(expected, previous, bpp);
                    PngUnfilter.Paeth(dispatched, previous, bpp);
                }
                else
                {
                    PngUnfilter.AverageScalar(expected, previous, bpp);
                    PngUnfilter.Average(dispatched, previous, bpp);
                }

                string name = paeth ? "Paeth" : "Average";
                Assert.True(expected.AsSpan().SequenceEqual(dispatched), $"{name} dispatch, bpp {bpp}, length {length}");
                if (bpp is 3 or 4 or 6 or 8)
                {
                    byte[] vector = (byte[])row.Clone();
                    int done = PngUnfilter.PixelVector128(vector, previous, bpp, paeth);
                    Assert.True(expected.AsSpan(0, done).SequenceEqual(vector.AsSpan(0, done)), $"{name} 128, bpp {bpp}, length {length}");
                    Assert.True(row.AsSpan(done).SequenceEqual(vector.AsSpan(done)), $"{name} 128 touched bytes past {done}, bpp {bpp}");
                    Assert.True(done > length - 8 - bpp, $"{name} 128 stopped at {done} of {length}");
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void Every_filter_is_undone_by_its_unfilter(int bpp)
    {
        (byte[] row, byte[] previous) = RandomRows(1000, seed: bpp);
        byte[] filtered = new byte[row.Length];
        for (byte type = 0; type < 5; type++)
        {
            PngRowFilter.Apply((PngFilterType)type, row, previous, bpp, filtered);
            byte[] restored = (byte[])filtered.Clone();
            PngUnfilter.Apply(type, restored, previous, bpp);
            Assert.True(row.AsSpan().SequenceEqual(restored), $"filter {type}, bpp {bpp}");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Encoder_filter_vector_paths_match_scalar(int length)
    {
        foreach (int bpp in new[] { 1, 2, 3, 4, 6, 8 })
        {
            (byte[] row, byte[] previous) = RandomRows(length, seed: (length * 10) + bpp);
            for (byte type = 0; type < 5; type++)
            {
                byte[] expected = new byte[length];
                PngRowFilter.ApplyScalar((PngFilterType)type, row, previous, bpp, expected);
                byte[] dispatched = new byte[length];
                PngRowFilter.Apply((PngFilterType)type, row, previous, bpp, dispatched);
                Assert.True(expected.AsSpan().SequenceEqual(dispatched), $"filter {type} dispatch, bpp {bpp}, length {length}");
                if (type == 0 || length <= bpp)
                {
                    continue;
                }

                var paths = new List<(string, Func<byte[], int>)>();
                if (Vector256.IsHardwareAccelerated)
                {
                    paths.Add(("256", o => PngRowFilter.ApplyVector256((PngFilterType)type, row, previous, bpp, o, bpp)));
                }

                if (Vector128.IsHardwareAccelerated)
                {
                    paths.Add(("128", o => PngRowFilter.ApplyVector128((PngFilterType)type, row, previous, bpp, o, bpp)));
                }

                foreach ((string name, Func<byte[], int> path) in paths)
                {
                    byte[] actual = new byte[length];
                    int done = path(actual);
                    Assert.True(expected.AsSpan(bpp, done - bpp).SequenceEqual(actual.AsSpan(bpp, done - bpp)), $"filter {type} path {name}, bpp {bpp}, length {length}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Signed_magnitude_vector_path_matches_scalar(int length)
    {
        (byte[] data, _) = RandomRows(length, seed: length);
        data.AsSpan(0, length / 2).Fill(128); // the extreme: |(sbyte)128| = 128

        Assert.Equal(PngRowFilter.SignedMagnitudeScalar(data), PngRowFilter.SignedMagnitude(data));
    }

    [Fact]
    public void Paeth_predictor_follows_the_specification_tie_order()
    {
        Assert.Equal(10, PngPaeth.Predict(10, 10, 10)); // all tie: a
        Assert.Equal(20, PngPaeth.Predict(10, 20, 10)); // p = 20: b is exact
        Assert.Equal(30, PngPaeth.Predict(30, 10, 10)); // p = 30: a is exact
        Assert.Equal(0, PngPaeth.Predict(0, 0, 5));     // p = -5: pa = pb = 5, pc = 10: a
        Assert.Equal(100, PngPaeth.Predict(0, 255, 100)); // p = 155: pa 155, pb 100, pc 55: c
    }

    [Fact]
    public void CRC32_matches_the_known_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(100)]
    [InlineData(65537)]
    public void CRC32_slicing_matches_bitwise_and_can_be_appended(int length)
    {
        (byte[] data, _) = RandomRows(length, seed: length);

        uint whole = Crc32.Compute(data);

        Assert.Equal(PngFiles.BitwiseCrc(data), whole);
        Assert.Equal(whole, Crc32.Append(Crc32.Compute(data.AsSpan(0, length / 3)), data.AsSpan(length / 3)));
    }

    private static (byte[] Row, byte[] Previous) RandomRows(int length, int seed)
    {
        var random = new Random(seed);
        byte[] row = new byte[length];
        byte[] previous = new byte[length];
        random.NextBytes(row);
        random.NextBytes(previous);
        return (row, previous);
    }
}
