namespace Likeness.Imaging.Tests.Png;

/// <summary>A PNG whose signature was mangled in transit is named as such, with the cause, instead of "not an image".</summary>
public sealed class PngSignatureDamageTests
{
    public static TheoryData<string, string> Damages() => new()
    {
        { "CRLF-to-LF", "CR-LF became LF" },
        { "LF-to-CRLF", "LF became CR-LF" },
        { "high-bit", "high bit of its first byte was stripped" },
        { "replacement-char", "U+FFFD" },
        { "latin1-as-utf8", "re-encoded as UTF-8" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Damaged_signature_is_named(string damage, string cause)
    {
        byte[] file = Damage(PngTestFiles.Read("photo-rgba.png"), damage);

        var decode = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(file));
        var identify = Assert.Throws<InvalidImageException>(() => ImageDecoder.Identify(file));

        Assert.Equal(InvalidImageReason.Corrupt, decode.Reason);
        Assert.StartsWith("The file has a damaged PNG signature: ", decode.Message, StringComparison.Ordinal);
        Assert.Contains(cause, decode.Message, StringComparison.Ordinal);
        Assert.Equal(decode.Message, identify.Message);
    }

    [Fact]
    public void Other_files_are_still_not_images()
    {
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode("PNG is a format, this is text\r\n"u8));

        Assert.Equal(InvalidImageReason.Unsupported, error.Reason);
        Assert.Contains("not an image Likeness can read", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Damage(byte[] png, string damage) => damage switch
    {
        "CRLF-to-LF" => [.. png.AsSpan(0, 4), 0x0A, .. png.AsSpan(6)],
        "LF-to-CRLF" => [.. png.AsSpan(0, 6), 0x1A, 0x0D, 0x0A, .. png.AsSpan(8)],
        "high-bit" => [(byte)(png[0] & 0x7F), .. png.AsSpan(1)],
        "replacement-char" => [0xEF, 0xBF, 0xBD, .. png.AsSpan(1)],
        "latin1-as-utf8" => [0xC2, 0x89, .. png.AsSpan(1)],
        _ => throw new ArgumentOutOfRangeException(nameof(damage)),
    };
}
