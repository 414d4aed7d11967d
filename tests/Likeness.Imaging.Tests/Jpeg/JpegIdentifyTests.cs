namespace Likeness.Imaging.Tests.Jpeg;

/// <summary>Identify reads what the headers say, without decoding.</summary>
public sealed class JpegIdentifyTests
{
    [Theory]
    [InlineData("photo-420.jpg", ColorType.YCbCr, 3, false, "4:2:0")]
    [InlineData("photo-444.jpg", ColorType.YCbCr, 3, false, "4:4:4")]
    [InlineData("photo-422.jpg", ColorType.YCbCr, 3, false, "4:2:2")]
    [InlineData("photo-440.jpg", ColorType.YCbCr, 3, false, "4:4:0")]
    [InlineData("photo-411.jpg", ColorType.YCbCr, 3, false, "4:1:1")]
    [InlineData("photo-410.jpg", ColorType.YCbCr, 3, false, "4:1:0")]
    [InlineData("photo-mixed.jpg", ColorType.YCbCr, 3, false, "2x2,1x2,2x1")]
    [InlineData("photo-gray.jpg", ColorType.Gray, 1, false, null)]
    [InlineData("photo-rgb.jpg", ColorType.Rgb, 3, false, "4:4:4")]
    [InlineData("photo-cmyk.jpg", ColorType.Cmyk, 4, false, "4:4:4")]
    [InlineData("photo-ycck.jpg", ColorType.Ycck, 4, false, "4:2:0")]
    [InlineData("photo-progressive.jpg", ColorType.YCbCr, 3, true, "4:2:0")]
    [InlineData("photo-progressive-gray.jpg", ColorType.Gray, 1, true, null)]
    public void Reports_header_facts(string name, ColorType colorType, int channels, bool progressive, string? subsampling)
    {
        ImageInfo info = ImageDecoder.Identify(JpegCorpus.Read(name));
        Assert.Equal(ImageFormat.Jpeg, info.Format);
        Assert.Equal(8, info.BitDepth);
        Assert.Equal(colorType, info.ColorType);
        Assert.Equal(channels, info.Channels);
        Assert.Equal(progressive, info.Progressive);
        Assert.Equal(subsampling, info.ChromaSubsampling);
        Assert.Equal(1, info.ExifOrientation);
    }

    [Theory]
    [InlineData("grad-333x77-420.jpg", 333, 77)]
    [InlineData("noise-7x13-420.jpg", 7, 13)]
    [InlineData("noise-1x1.jpg", 1, 1)]
    [InlineData("photos/obama1.jpg", 1480, 832)]
    public void Reports_size(string name, int width, int height)
    {
        ImageInfo info = ImageDecoder.Identify(JpegCorpus.Read(name));
        Assert.Equal((width, height), (info.Width, info.Height));
    }
}
