namespace Likeness.Imaging.Codecs.Jpeg;

/// <summary>Tables shared by the JPEG decoder and encoder (ITU T.81).</summary>
internal static class JpegConstants
{
    /// <summary>
    /// Zig-zag position to natural (row-major) index, padded with 16 extra 63s so a corrupt run length that
    /// overshoots position 63 still indexes safely (the decoder then reports the block as corrupt).
    /// </summary>
    public static ReadOnlySpan<byte> ZigZagToNatural =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
        63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    ];

    /// <summary>Marker codes (the byte after 0xFF).</summary>
    public static class Markers
    {
        public const byte Sof0 = 0xC0;
        public const byte Sof1 = 0xC1;
        public const byte Sof2 = 0xC2;
        public const byte Sof3 = 0xC3;
        public const byte Dht = 0xC4;
        public const byte Sof9 = 0xC9;
        public const byte Dac = 0xCC;
        public const byte Rst0 = 0xD0;
        public const byte Rst7 = 0xD7;
        public const byte Soi = 0xD8;
        public const byte Eoi = 0xD9;
        public const byte Sos = 0xDA;
        public const byte Dqt = 0xDB;
        public const byte Dnl = 0xDC;
        public const byte Dri = 0xDD;
        public const byte App0 = 0xE0;
        public const byte App1 = 0xE1;
        public const byte App14 = 0xEE;
        public const byte Com = 0xFE;
    }
}
