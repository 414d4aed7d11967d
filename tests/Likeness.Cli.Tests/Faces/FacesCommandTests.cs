using System.Text;
using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Faces;

/// <summary><c>likeness faces …</c> and <c>likeness bench faces</c>, run in-process.</summary>
public sealed class FacesCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("likeness-cli-faces-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string Data(string folder, string file) => RepoPaths.TestData("faceapi", folder, file);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await LikenessCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Detect_JSON_in_faceapi_mode_reproduces_the_golden_faces()
    {
        var (code, stdout, _) = await Run("faces", "detect", Data("inputs", "sample1_640.ppm"), "--json", "--alignment", "faceapi");
        Assert.Equal(0, code);
        using JsonDocument actual = JsonDocument.Parse(stdout);
        using JsonDocument golden = JsonDocument.Parse(File.ReadAllText(Data("wasm-ppm640", "sample1_640.json")));
        JsonElement[] faces = [.. actual.RootElement.GetProperty("faces").EnumerateArray()];
        JsonElement[] expected = [.. golden.RootElement.GetProperty("faces").EnumerateArray()];
        Assert.Equal(expected.Length, faces.Length);
        for (int f = 0; f < faces.Length; f++)
        {
            foreach (string field in new[] { "x", "y", "width", "height" })
            {
                Assert.Equal(expected[f].GetProperty("box").GetProperty(field).GetDouble(), faces[f].GetProperty("box").GetProperty(field).GetDouble(), 0.01);
            }

            Assert.Equal(68, faces[f].GetProperty("landmarks").GetArrayLength());
            Assert.Equal(2, faces[f].GetProperty("landmarks")[0].GetArrayLength());
            Assert.Equal(128, faces[f].GetProperty("descriptor").GetArrayLength());
            Assert.Equal(expected[f].GetProperty("score").GetDouble(), faces[f].GetProperty("score").GetDouble(), 1e-4);
        }
    }

    [Fact]
    public async Task Detect_text_lists_faces()
    {
        var (code, stdout, _) = await Run("faces", "detect", Data("inputs", "sample2_640.ppm"));
        Assert.Equal(0, code);
        // face-api's one face at 416, and the girl looking down that the smaller sizes find.
        Assert.StartsWith("2 faces (affine alignment)", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("obama_640.ppm", "obama_partial_face_640.ppm", true)]
    [InlineData("obama_640.ppm", "biden_640.ppm", false)]
    public async Task Compare_gives_the_verdict_and_exits_zero_either_way(string a, string b, bool same)
    {
        var (code, stdout, _) = await Run("faces", "compare", Data("pd-inputs", a), Data("pd-inputs", b), "--json");
        Assert.Equal(0, code);
        using JsonDocument result = JsonDocument.Parse(stdout);
        Assert.Equal(0.6, result.RootElement.GetProperty("threshold").GetDouble());
        Assert.Equal(same, result.RootElement.GetProperty("same_person").GetBoolean());
        Assert.Equal(same, result.RootElement.GetProperty("distance").GetDouble() < 0.6);
    }

    [Fact]
    public async Task Compare_without_a_face_is_bad_input()
    {
        string blank = WritePpm("blank.ppm", 64, 48, 90);
        var (code, _, stderr) = await Run("faces", "compare", blank, Data("pd-inputs", "obama_640.ppm"));
        Assert.Equal(2, code);
        Assert.Contains("no face", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_face_and_one_pixel_images_give_an_empty_list()
    {
        foreach (string path in new[] { WritePpm("blank.ppm", 64, 48, 90), WritePpm("one.ppm", 1, 1, 200) })
        {
            var (code, stdout, _) = await Run("faces", "detect", path, "--json");
            Assert.Equal(0, code);
            Assert.Equal("{\"faces\":[]}", stdout.Trim());
        }
    }

    [Fact]
    public async Task Huge_header_is_refused_with_exit_code_2()
    {
        string path = Path.Combine(_temp, "huge.ppm");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("P6\n20000 20000\n255\n"));
        var (code, _, stderr) = await Run("faces", "detect", path);
        Assert.Equal(2, code);
        Assert.StartsWith("likeness:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_alignment_is_a_usage_error()
    {
        var (code, _, stderr) = await Run("faces", "detect", Data("inputs", "sample2_640.ppm"), "--alignment", "dlib");
        Assert.Equal(2, code);
        Assert.Contains("affine or faceapi", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Damaged_model_folder_is_bad_input()
    {
        string models = Directory.CreateDirectory(Path.Combine(_temp, "models")).FullName;
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "models", "faceapi")))
        {
            File.Copy(file, Path.Combine(models, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(models, "tiny_face_detector_model.bin"), "x");
        var (code, _, stderr) = await Run("faces", "detect", Data("inputs", "sample2_640.ppm"), "--models", models);
        Assert.Equal(2, code);
        Assert.Contains("SHA-256", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_faces_prints_one_JSON_line_with_stage_medians()
    {
        var (code, stdout, _) = await Run("bench", "faces", Data("inputs", "sample2_640.ppm"), "--threads", "1", "--iterations", "2", "--json");
        Assert.Equal(0, code);
        Assert.Single(stdout.Trim().Split('\n'));
        using JsonDocument result = JsonDocument.Parse(stdout);
        JsonElement root = result.RootElement;
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(2, root.GetProperty("faces").GetInt32());
        foreach (string field in new[] { "detect_ms_median", "landmarks_ms_median", "descriptor_ms_median", "pipeline_ms_median", "descriptor_gflops" })
        {
            Assert.True(root.GetProperty(field).GetDouble() > 0, field);
        }
    }

    [Fact]
    public async Task Detect_and_compare_apply_the_EXIF_orientation()
    {
        // The same photo stored sideways with orientation 6 ("rotate 90° clockwise to show"), as phones write it.
        using Likeness.Imaging.Image upright = LoadUpright(Data("pd-inputs", "obama_640.ppm"));
        using Likeness.Imaging.Image sideways = Likeness.Imaging.Transforms.Geometry.Rotate270(upright);
        string plain = Path.Combine(_temp, "upright.jpg");
        string tagged = Path.Combine(_temp, "tagged.jpg");
        File.WriteAllBytes(plain, Likeness.Imaging.ImageEncoder.EncodeToBytes(upright, Likeness.Imaging.ImageFormat.Jpeg));
        File.WriteAllBytes(tagged, WithOrientation(Likeness.Imaging.ImageEncoder.EncodeToBytes(sideways, Likeness.Imaging.ImageFormat.Jpeg), 6));

        var (code, stdout, _) = await Run("faces", "detect", tagged, "--json");
        var (_, expected, _) = await Run("faces", "detect", plain, "--json");
        Assert.Equal(0, code);
        using JsonDocument a = JsonDocument.Parse(stdout), b = JsonDocument.Parse(expected);
        JsonElement[] found = [.. a.RootElement.GetProperty("faces").EnumerateArray()];
        JsonElement[] wanted = [.. b.RootElement.GetProperty("faces").EnumerateArray()];
        Assert.NotEmpty(wanted);
        Assert.Equal(wanted.Length, found.Length);
        Assert.Equal(wanted[0].GetProperty("box").GetProperty("x").GetDouble(), found[0].GetProperty("box").GetProperty("x").GetDouble(), 1.0);

        var (compareCode, compared, _) = await Run("faces", "compare", tagged, plain, "--json");
        Assert.Equal(0, compareCode);
        using JsonDocument verdict = JsonDocument.Parse(compared);
        Assert.True(verdict.RootElement.GetProperty("same_person").GetBoolean());
    }

    [Fact]
    public async Task A_truncated_JPEG_is_refused_with_one_line()
    {
        using Likeness.Imaging.Image upright = LoadUpright(Data("pd-inputs", "obama_640.ppm"));
        byte[] jpeg = Likeness.Imaging.ImageEncoder.EncodeToBytes(upright, Likeness.Imaging.ImageFormat.Jpeg);
        string path = Path.Combine(_temp, "cut.jpg");
        File.WriteAllBytes(path, jpeg[..(jpeg.Length / 2)]);
        foreach (string[] args in new[] { new[] { "faces", "detect", path, "--json" }, new[] { "faces", "compare", path, path } })
        {
            var (code, stdout, stderr) = await Run(args);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Equal("likeness: cut.jpg is truncated (the file ends before the image does); nothing was analysed.", stderr.Trim());
        }
    }

    [Fact]
    public async Task Extra_sizes_none_runs_one_size_and_a_bad_list_is_a_usage_error()
    {
        var (code, stdout, _) = await Run("faces", "detect", Data("inputs", "sample2_640.ppm"), "--extra-sizes", "none", "--downscale", "0");
        Assert.Equal(0, code);
        Assert.StartsWith("1 face (affine alignment)", stdout, StringComparison.Ordinal);
        var (bad, _, stderr) = await Run("faces", "detect", Data("inputs", "sample2_640.ppm"), "--extra-sizes", "224,big");
        Assert.Equal(2, bad);
        Assert.Contains("--extra-sizes", stderr, StringComparison.Ordinal);
        var (odd, _, oddError) = await Run("faces", "detect", Data("inputs", "sample2_640.ppm"), "--extra-sizes", "100");
        Assert.Equal(2, odd);
        Assert.Contains("multiple of 32", oddError, StringComparison.Ordinal);
    }

    private static Likeness.Imaging.Image LoadUpright(string path)
    {
        using Likeness.Imaging.DecodedImage decoded = Likeness.Imaging.ImageDecoder.DecodeFile(path, Likeness.Imaging.DecodeOptions.Upright);
        return decoded.Image.Clone();
    }

    /// <summary>Inserts an APP1 Exif segment holding only the orientation tag right after the JPEG's SOI marker.</summary>
    private static byte[] WithOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, // little-endian TIFF header, IFD0 at 8
            1, 0, // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, (byte)(orientation >> 8), 0, 0, // 0x0112 SHORT ×1
            0, 0, 0, 0, // no next IFD
        ];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        int length = payload.Length + 2;
        return [jpeg[0], jpeg[1], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg[2..]];
    }

    private string WritePpm(string name, int width, int height, byte value)
    {
        string path = Path.Combine(_temp, name);
        byte[] header = Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n");
        byte[] pixels = Enumerable.Repeat(value, width * height * 3).ToArray();
        File.WriteAllBytes(path, [.. header, .. pixels]);
        return path;
    }
}
