namespace Likeness.Testing;

/// <summary>Files that carry an EXIF orientation tag, made from any encoded file (for tests of upright reading).</summary>
public static class ExifOrientationFiles
{
    /// <summary>An EXIF block (big-endian TIFF, one IFD entry) saying <paramref name="orientation"/>.</summary>
    public static byte[] Tiff(int orientation) =>
        [.. "MM"u8, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];

    /// <summary>The JPEG with an APP1 "Exif" segment saying <paramref name="orientation"/> right after SOI.</summary>
    public static byte[] WithJpegOrientation(byte[] jpeg, int orientation)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        byte[] payload = [.. "Exif\0\0"u8, .. Tiff(orientation)];
        int length = payload.Length + 2;
        return [.. jpeg.AsSpan(0, 2), 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg.AsSpan(2)];
    }
}
