using Likeness.Imaging.Metadata;

namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>The EXIF reader is bounded and forgiving: anything invalid means orientation 1.</summary>
public sealed class ExifReaderTests
{
    private static byte[] Tiff(bool little, ushort type, uint value, ushort tag = 0x0112)
    {
        var bytes = new List<byte>();
        void U16(int v) => bytes.AddRange(little ? [(byte)v, (byte)(v >> 8)] : [(byte)(v >> 8), (byte)v]);
        void U32(uint v) => bytes.AddRange(little
            ? [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]
            : [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        bytes.AddRange(little ? "II"u8.ToArray() : "MM"u8.ToArray());
        U16(42);
        U32(8);
        U16(1);
        U16(tag);
        U16(type);
        U32(1);
        if (type == 3)
        {
            U16((int)value);
            U16(0);
        }
        else
        {
            U32(value);
        }

        U32(0);
        return [.. bytes];
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 8)]
    public void Reads_short_orientation_in_both_byte_orders(bool little, int orientation) =>
        Assert.Equal(orientation, ExifReader.ReadOrientation(Tiff(little, 3, (uint)orientation)));

    [Fact]
    public void Reads_long_orientation() => Assert.Equal(3, ExifReader.ReadOrientation(Tiff(true, 4, 3)));

    [Fact]
    public void Invalid_blocks_mean_orientation_one()
    {
        Assert.Equal(1, ExifReader.ReadOrientation(Tiff(true, 3, 9)));
        Assert.Equal(1, ExifReader.ReadOrientation(Tiff(true, 3, 0)));
        Assert.Equal(1, ExifReader.ReadOrientation(Tiff(true, 3, 6, tag: 0x0110)));
        Assert.Equal(1, ExifReader.ReadOrientation("XX*\0\0\0\0\0"u8));
        Assert.Equal(1, ExifReader.ReadOrientationFromJpegApp1("Exif\0\0MM"u8));
        Assert.Equal(1, ExifReader.ReadOrientationFromJpegApp1("http://ns.adobe.com/xap/1.0/\0"u8));

        // Every truncation of a valid block is handled without throwing.
        byte[] valid = Tiff(false, 3, 6);
        for (int length = 0; length < valid.Length; length++)
        {
            int orientation = ExifReader.ReadOrientation(valid.AsSpan(0, length));
            Assert.InRange(orientation, 1, 8);
        }

        // An IFD offset pointing past the end, and an entry count larger than the data.
        byte[] badOffset = Tiff(true, 3, 6);
        badOffset[4] = 0xF0;
        Assert.Equal(1, ExifReader.ReadOrientation(badOffset));
        byte[] badCount = Tiff(true, 3, 6);
        badCount[8] = 0xFF;
        badCount[9] = 0xFF;
        Assert.Equal(6, ExifReader.ReadOrientation(badCount));
    }
}
