namespace Likeness.Imaging.Codecs.Png;

/// <summary>
/// Recognises a PNG whose 8-byte signature was mangled in transit, so the user hears what happened instead of
/// "not an image". The signature was designed to expose exactly these: 0x89 loses its high bit on 7-bit channels
/// or becomes U+FFFD when decoded as text, and CR-LF / LF are rewritten by text-mode transfers.
/// </summary>
internal static class PngSignatureDamage
{
    private const int SignatureLength = 8;

    /// <summary>A description of the damage, or null when the bytes do not look like a PNG at all.</summary>
    public static string? Describe(ReadOnlySpan<byte> data)
    {
        int name = NameOffset(data);
        if (name < 0 || PngChunkLayout.Signature.StartsWith(data))
        {
            return null;
        }

        ReadOnlySpan<byte> tail = data[(name + 3)..];
        string cause = (data[0], name) switch
        {
            (0x09, 1) => "the high bit of its first byte was stripped (a 7-bit transfer)",
            (0xEF, 3) => "its first byte was replaced by U+FFFD (the file was decoded as text)",
            (0xC2, 2) => "its first byte was re-encoded as UTF-8 (the file was treated as Latin-1 text)",
            _ when tail.StartsWith((ReadOnlySpan<byte>)[0x0A, 0x1A]) => "CR-LF became LF (a text-mode transfer)",
            _ when tail.StartsWith((ReadOnlySpan<byte>)[0x0D, 0x0D, 0x0A]) || tail.StartsWith((ReadOnlySpan<byte>)[0x0D, 0x0A, 0x1A, 0x0D, 0x0A]) => "LF became CR-LF (a text-mode transfer)",
            _ => "it was altered",
        };
        string found = Convert.ToHexString(data[..Math.Min(data.Length, SignatureLength)]);
        return $"The file has a damaged PNG signature: its first bytes are {found}, not 89504E470D0A1A0A; {cause}. "
            + "Copy the original again in binary mode.";
    }

    /// <summary>Where "PNG" starts when it follows a (possibly re-encoded) first byte; -1 otherwise.</summary>
    private static int NameOffset(ReadOnlySpan<byte> data)
    {
        foreach (int offset in (ReadOnlySpan<int>)[1, 2, 3])
        {
            if (data.Length >= offset + 5 && data.Slice(offset, 3).SequenceEqual("PNG"u8) && data[offset + 3] is 0x0D or 0x0A)
            {
                return offset;
            }
        }

        return -1;
    }
}
