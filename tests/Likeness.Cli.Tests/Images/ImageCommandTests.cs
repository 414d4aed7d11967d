using Likeness.Testing;
using System.Text;
using System.Text.Json;

namespace Likeness.Cli.Tests.Images;

public sealed class ImageCommandTests
{
    private static byte[] Ppm(int w, int h)
    {
        byte[] pixels = new byte[w * h * 3];
        new Random(3).NextBytes(pixels);
        return [.. Encoding.ASCII.GetBytes($"P6\n{w} {h}\n255\n"), .. pixels];
    }

    [Fact]
    public async Task Info_prints_json_with_the_header_facts()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("a.ppm"), Ppm(5, 3));
        var (code, output, error) = await CliRunner.RunAsync("image", "info", temp.Combine("a.ppm"), "--json");
        Assert.Equal(0, code);
        Assert.Empty(error);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal("pnm", json.RootElement.GetProperty("format").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("height").GetInt32());
        Assert.Equal(8, json.RootElement.GetProperty("bit_depth").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("exif_orientation").GetInt32());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("RIFF\0\0\0\0WEBPVP8 ")]
    [InlineData("P6\n50000 50000\n255\n")]
    public async Task Bad_input_exits_2_with_one_line_and_no_stack_trace(string content)
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("bad.jpg"), Encoding.Latin1.GetBytes(content));
        var (code, output, error) = await CliRunner.RunAsync("image", "info", temp.Combine("bad.jpg"));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("likeness: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lossy_webp_with_alpha_is_described_and_converted_to_png()
    {
        using var temp = new TempFolder();
        string source = Path.Combine(RepoPaths.TestData("webp"), "lossy-alpha-q50-33x65.webp");
        var (infoCode, info, _) = await CliRunner.RunAsync("image", "info", source, "--json");
        Assert.Equal(0, infoCode);
        using (JsonDocument json = JsonDocument.Parse(info))
        {
            Assert.Equal("webp", json.RootElement.GetProperty("format").GetString());
            Assert.False(json.RootElement.GetProperty("lossless").GetBoolean());
            Assert.True(json.RootElement.GetProperty("has_alpha").GetBoolean());
        }

        var (code, _, error) = await CliRunner.RunAsync("image", "convert", source, temp.Combine("out.png"));
        Assert.Equal(0, code);
        Assert.Empty(error);
        using Likeness.Imaging.DecodedImage png = Likeness.Imaging.ImageDecoder.DecodeFile(temp.Combine("out.png"));
        using Likeness.Imaging.DecodedImage webp = Likeness.Imaging.ImageDecoder.DecodeFile(source);
        Assert.Equal((33, 65), (png.Image.Width, png.Image.Height));
        Assert.True(png.Image.Pixels.SequenceEqual(webp.Image.Pixels));
    }

    [Fact]
    public async Task Missing_file_and_unknown_output_extension_exit_2()
    {
        using var temp = new TempFolder();
        Assert.Equal(2, (await CliRunner.RunAsync("image", "info", temp.Combine("none.png"))).ExitCode);
        File.WriteAllBytes(temp.Combine("a.ppm"), Ppm(2, 2));
        var (code, _, error) = await CliRunner.RunAsync("image", "convert", temp.Combine("a.ppm"), temp.Combine("a.webp"));
        Assert.Equal(2, code);
        Assert.Contains(".png", error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("a.webp")));
    }

    [Fact]
    public async Task Convert_writes_the_format_of_the_extension()
    {
        using var temp = new TempFolder();
        byte[] source = Ppm(7, 4);
        File.WriteAllBytes(temp.Combine("a.ppm"), source);
        var (code, _, error) = await CliRunner.RunAsync("image", "convert", temp.Combine("a.ppm"), temp.Combine("b.ppm"));
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal(source, File.ReadAllBytes(temp.Combine("b.ppm")));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public async Task Convert_resizes_with_the_pillow_exact_bicubic_and_keeps_the_aspect_on_request()
    {
        using var temp = new TempFolder();
        string input = Likeness.Testing.RepoPaths.TestData("resize", "rand53x37.ppm");
        var (code, _, error) = await CliRunner.RunAsync("image", "convert", input, temp.Combine("a.ppm"), "--resize", "224x224");
        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllBytes(Likeness.Testing.RepoPaths.TestData("resize", "rand53x37_to_224x224.ppm")), File.ReadAllBytes(temp.Combine("a.ppm")));

        Assert.Equal(0, (await CliRunner.RunAsync("image", "convert", input, temp.Combine("b.png"), "--resize", "106x0", "--filter", "lanczos")).ExitCode);
        var (_, info, _) = await CliRunner.RunAsync("image", "info", temp.Combine("b.png"), "--json");
        Assert.Contains("\"width\":106,\"height\":74", info, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync("image", "convert", input, temp.Combine("c.jpg"), "--resize", "20x20", "--filter", "bilinear")).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("image", "convert", input, temp.Combine("d.jpg"), "--resize", "0x0")).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("image", "convert", input, temp.Combine("d.jpg"), "--filter", "cubic")).ExitCode);
    }
}
