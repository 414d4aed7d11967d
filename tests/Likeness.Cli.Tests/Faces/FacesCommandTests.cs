using System.Text;
using System.Text.Json;
using Likeness.Cli;
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
    public async Task DetectJsonInFaceApiModeReproducesTheGoldenFaces()
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
    public async Task DetectTextListsFaces()
    {
        var (code, stdout, _) = await Run("faces", "detect", Data("inputs", "sample2_640.ppm"));
        Assert.Equal(0, code);
        Assert.StartsWith("1 face (affine alignment)", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("obama_640.ppm", "obama_partial_face_640.ppm", true)]
    [InlineData("obama_640.ppm", "biden_640.ppm", false)]
    public async Task CompareGivesTheVerdictAndExitsZeroEitherWay(string a, string b, bool same)
    {
        var (code, stdout, _) = await Run("faces", "compare", Data("pd-inputs", a), Data("pd-inputs", b), "--json");
        Assert.Equal(0, code);
        using JsonDocument result = JsonDocument.Parse(stdout);
        Assert.Equal(0.6, result.RootElement.GetProperty("threshold").GetDouble());
        Assert.Equal(same, result.RootElement.GetProperty("same_person").GetBoolean());
        Assert.Equal(same, result.RootElement.GetProperty("distance").GetDouble() < 0.6);
    }

    [Fact]
    public async Task CompareWithoutAFaceIsBadInput()
    {
        string blank = WritePpm("blank.ppm", 64, 48, 90);
        var (code, _, stderr) = await Run("faces", "compare", blank, Data("pd-inputs", "obama_640.ppm"));
        Assert.Equal(2, code);
        Assert.Contains("no face", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoFaceAndOnePixelImagesGiveAnEmptyList()
    {
        foreach (string path in new[] { WritePpm("blank.ppm", 64, 48, 90), WritePpm("one.ppm", 1, 1, 200) })
        {
            var (code, stdout, _) = await Run("faces", "detect", path, "--json");
            Assert.Equal(0, code);
            Assert.Equal("{\"faces\":[]}", stdout.Trim());
        }
    }

    [Fact]
    public async Task HugeHeaderIsRefusedWithExitCode2()
    {
        string path = Path.Combine(_temp, "huge.ppm");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("P6\n20000 20000\n255\n"));
        var (code, _, stderr) = await Run("faces", "detect", path);
        Assert.Equal(2, code);
        Assert.StartsWith("likeness:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAlignmentIsAUsageError()
    {
        var (code, _, stderr) = await Run("faces", "detect", Data("inputs", "sample2_640.ppm"), "--alignment", "dlib");
        Assert.Equal(2, code);
        Assert.Contains("affine or faceapi", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DamagedModelFolderIsBadInput()
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
    public async Task BenchFacesPrintsOneJsonLineWithStageMedians()
    {
        var (code, stdout, _) = await Run("bench", "faces", Data("inputs", "sample2_640.ppm"), "--threads", "1", "--runs", "2", "--json");
        Assert.Equal(0, code);
        Assert.Single(stdout.Trim().Split('\n'));
        using JsonDocument result = JsonDocument.Parse(stdout);
        JsonElement root = result.RootElement;
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(1, root.GetProperty("faces").GetInt32());
        foreach (string field in new[] { "detect_ms_median", "landmarks_ms_median", "descriptor_ms_median", "pipeline_ms_median", "descriptor_gflops" })
        {
            Assert.True(root.GetProperty(field).GetDouble() > 0, field);
        }
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
